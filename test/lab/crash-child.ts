// Helper process for lab-smoke.test.ts: starts a lab, prints what it created as one JSON line,
// then idles until it is killed (SIGKILL: leftovers for cleanupStaleLabs; SIGTERM: own cleanup).
import { HOSTS, startLab } from './lab.js';

const lab = await startLab();
const created = {
  pid: process.pid,
  dir: lab.dir,
  netns: [lab.client.netns, ...HOSTS.map((h) => lab.hosts[h].netns)],
  users: [lab.client.user, ...HOSTS.map((h) => lab.hosts[h].user)],
};
process.stdout.write(`${JSON.stringify(created)}\n`);
setInterval(() => undefined, 60_000);
