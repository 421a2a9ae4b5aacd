#!/usr/bin/env python3
"""Joins case inputs with the oracle's answers: the "expect" text is copied byte for byte."""
import json
import sys

MARKER = ',"expect":'


def read_answers(path):
    """id -> the oracle's "expect" text, exactly as it wrote it."""
    expects = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            head, sep, body = line.rstrip("\n").partition(MARKER)
            if not sep:
                sys.exit("no expect in answer: " + line[:80])
            expects[json.loads(head + "}")["id"]] = body[:-1]
    return expects


if __name__ == "__main__":
    inputs, answers = sys.argv[1], sys.argv[2]
    expects = read_answers(answers)
    with open(inputs, encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            text = line.rstrip("\n")
            sys.stdout.write(text[:-1] + MARKER + expects[case["id"]] + "}\n")
