// A node:test reporter that writes one line, "N passed, N failed, N skipped", counting leaf tests
// only (a suite or a file wrapper whose children were reported is not a test of its own), as
// node's own summary does: failed includes cancelled, skipped includes todo. A file that fails
// before declaring any test counts as one failed test. scripts/test.sh adds these counts to the
// .NET ones.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let previousNesting = -1;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, skip, todo, details } = event.data;
    // Children are reported before their parent, so a parent follows a deeper event.
    const isParent = previousNesting > nesting || details?.type === 'suite';
    previousNesting = nesting;
    // A failing hook fails the suite's tests (reported as cancelled), so they count, not the suite.
    if (isParent) continue;
    if (event.type === 'test:fail') failed++; // failed or cancelled
    else if (skip || todo) skipped++;
    else passed++;
  }
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
