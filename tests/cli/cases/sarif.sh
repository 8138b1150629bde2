# --format sarif: one SARIF 2.1.0 log on stdout, rules from the catalogue.
cd ../../diagnostics/cases
"$DJAZ" check --format sarif five-independent-errors.djaz 1005-tab-in-string.djaz >out.sarif
echo "exit: $?"
jq -r '.version, .runs[0].columnKind, .runs[0].tool.driver.name' out.sarif
jq -r '"rules: \(.runs[0].tool.driver.rules | length) == catalogue: \(.runs[0].tool.driver.rules | map(.id) | unique | length)"' out.sarif
"$DJAZ" explain --list | wc -l
jq -c '.runs[0].results[] | [.ruleId, .level, .locations[0].physicalLocation.artifactLocation.uri, .locations[0].physicalLocation.region.startLine, .locations[0].physicalLocation.region.startColumn]' out.sarif
# every result's ruleIndex points at its rule
jq -r '.runs[0] as $r | [$r.results[] | $r.tool.driver.rules[.ruleIndex].id == .ruleId] | all' out.sarif
rm -f out.sarif
