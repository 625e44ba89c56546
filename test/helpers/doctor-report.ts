/** The shape of `jumpctl doctor --json`, as the issue specifies it. */
export interface Report {
  ok: boolean;
  checks: { id: string; severity: string; message: string; where: string | null; fix: string | null }[];
  hops: { alias: string; hostname: string; port: number; status: string }[];
  failure: null | {
    hop: string;
    via: string | null;
    code: string;
    message: string;
    fix: string;
    raw: string;
  };
}
