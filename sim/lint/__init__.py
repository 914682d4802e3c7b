"""`icdrill lint`: scenario files that validate but play badly, each finding at file:line:col.

A rule is a small function over one checked file (subject.py) that yields findings
(finding.py): the static rules read the model alone (people_rules.py, fault_rules.py, on facts
about the graph and who can be reached from facts.py); one rule plays the expert bot
(expert_rule.py), which is why lint sits above the engine and the bots. run.py walks the paths,
validates each file first (a file that does not validate is reported as `validate` reports it)
and runs every rule that applies to the kind of file.
"""
