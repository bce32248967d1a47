"""Examples from rule files in Nosey Parker's YAML format (Nosey Parker, Kingfisher).

Each rule lists `examples` (texts its pattern must match) and `negative_examples` (texts it must
not match). Prints one JSON item per example with the line it is written on, and, for each
negative example, whether any rule of the same project matches it anyway (the project's full
rule set, compiled with the `regex` module; Rust regex syntax is close enough once `\\z` becomes
`\\Z`). Patterns that do not compile are listed on stderr and judge nothing.

    python3 extract_rules_yaml.py RULES_DIR
"""

import json
import os
import sys

import regex
import yaml


def scalar_items(node):
    """(line, text) of each string in a YAML sequence node."""
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [(item.start_mark.line + 1, item.value) for item in node.value if isinstance(item, yaml.ScalarNode)]


def field(mapping, key):
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def compile_pattern(pattern):
    return regex.compile(pattern.replace('\\z', '\\Z'))


def main():
    rules_dir = sys.argv[1]
    items = []
    patterns = []
    broken = 0
    for name in sorted(os.listdir(rules_dir)):
        if not name.endswith(('.yml', '.yaml')):
            continue
        path = os.path.join(rules_dir, name)
        with open(path, encoding='utf-8') as f:
            root = yaml.compose(f)
        rules = field(root, 'rules') if isinstance(root, yaml.MappingNode) else None
        if rules is None:
            continue
        for rule in rules.value:
            plain = yaml.safe_load(yaml.serialize(rule))
            try:
                patterns.append(compile_pattern(plain['pattern']))
            except Exception as error:  # noqa: BLE001 - any syntax the module rejects
                broken += 1
                print(f"{plain['id']}: pattern not compiled ({error})", file=sys.stderr)
            for kind, key in (('tp', 'examples'), ('fp', 'negative_examples')):
                for line, text in scalar_items(field(rule, key)):
                    items.append({
                        'file': name,
                        'line': line,
                        'unit': plain['id'],
                        'rule': plain['name'],
                        'categories': plain.get('categories') or [],
                        'visible': plain.get('visible', True),
                        'kind': kind,
                        'text': text,
                    })
    for item in items:
        if item['kind'] == 'fp':
            item['reported'] = any(p.search(item['text'], timeout=5) for p in patterns)
    print(f'{len(patterns)} patterns compiled, {broken} not', file=sys.stderr)
    json.dump(items, sys.stdout)


main()
