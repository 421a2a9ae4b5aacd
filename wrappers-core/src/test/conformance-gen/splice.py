#!/usr/bin/env python3
"""Joins case inputs with the oracle's answers: the "expect" text is copied byte for byte."""
import json
import sys

inputs, answers = sys.argv[1], sys.argv[2]
marker = ',"expect":'
expects = {}
with open(answers, encoding="utf-8") as f:
    for line in f:
        head, sep, body = line.rstrip("\n").partition(marker)
        if not sep:
            sys.exit("no expect in answer: " + line[:80])
        expects[json.loads(head + "}")["id"]] = body[:-1]
with open(inputs, encoding="utf-8") as f:
    for line in f:
        case = json.loads(line)
        text = line.rstrip("\n")
        sys.stdout.write(text[:-1] + marker + expects[case["id"]] + "}\n")
