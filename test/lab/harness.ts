// node:test integration for the lab. An unavailable lab skips the test with the reason
// (`# SKIP <reason>`), or fails it when JUMPCTL_LAB=required. Re-exports the lab API, so a
// test file needs only this import.
import assert from 'node:assert/strict';
import { after, afterEach, before, test, type TestContext, type TestOptions } from 'node:test';
import { labAvailability, labMode } from './availability.js';
import { startLab, type Lab, type LabOptions } from './lab.js';

export * from './lab.js';

/**
 * Returns undefined when the lab can run; otherwise skips the test with the reason
 * (`# SKIP <reason>`), or fails it when JUMPCTL_LAB=required.
 */
export function labGate(t: TestContext): string | undefined {
  const a = labAvailability();
  if (a.ok) return undefined;
  if (labMode() === 'required') assert.fail(`JUMPCTL_LAB=required but the lab is unavailable: ${a.reason}`);
  t.skip(a.reason);
  return a.reason;
}

/** A test that needs the lab: skipped with the reason when unavailable, failed if required. */
export function labTest(
  name: string,
  fn: (t: TestContext) => unknown,
  options: TestOptions = {},
): Promise<void> {
  return test(name, options, async (t) => {
    if (labGate(t) !== undefined) return;
    await fn(t);
  });
}

/** A fresh lab for one test, stopped when the test ends (pass or fail). Use inside labTest. */
export async function withLab(t: TestContext, options?: LabOptions): Promise<Lab> {
  const lab = await startLab(options);
  t.after(() => lab.stop());
  return lab;
}

/**
 * One lab shared by the tests of the current file/suite (before/after hooks). With
 * `resetAfterEach`, every test starts from the baseline (knobs undone by reset()).
 */
export function useLab(options?: LabOptions, hooks: { resetAfterEach?: boolean } = {}): () => Lab {
  let lab: Lab | undefined;
  before(async () => {
    if (labAvailability().ok) lab = await startLab(options);
  });
  if (hooks.resetAfterEach === true) {
    afterEach(async () => {
      await lab?.reset();
    });
  }
  after(async () => {
    await lab?.stop();
  });
  return () => {
    if (lab === undefined) throw new Error('lab not started (unavailable, or used outside its suite)');
    return lab;
  };
}
