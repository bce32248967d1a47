"""Extracts the literal test examples of detect-secrets' plugin tests.

Usage: python3 extract_detect_secrets.py FILE...  (prints a JSON array on stdout)

Reads each test module's @pytest.mark.parametrize tables — (payload, should_flag), (line,
should_flag), a single line or file_content column (all secrets), and the keyword plugin's
parse_test_cases([(extension, TABLE), ...]) — without importing or running the module: the
expressions are evaluated by a small interpreter that knows string literals, module constants,
str.format, %, + and *, str(), .encode()/.decode() and base64.b64encode. Anything else (random
values, mocks) is skipped.
"""
import ast
import base64
import json
import sys


class Skip(Exception):
    pass


def evaluate(node, names):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        raise Skip(node.id)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [evaluate(item, names) for item in node.elts]
    if isinstance(node, ast.BinOp):
        left, right = evaluate(node.left, names), evaluate(node.right, names)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Mod):
            return left % (tuple(right) if isinstance(right, list) else right)
        raise Skip('operator')
    if isinstance(node, ast.Call):
        return call(node, names)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
            else:
                parts.append(str(evaluate(value.value, names)))
        return ''.join(parts)
    raise Skip(type(node).__name__)


def call(node, names):
    args = [evaluate(arg, names) for arg in node.args]
    func = node.func
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id == 'base64' and func.attr == 'b64encode':
            return base64.b64encode(args[0])
        target = evaluate(func.value, names)
        if func.attr == 'format' and isinstance(target, str):
            return target.format(*args)
        if func.attr in ('encode', 'decode') and isinstance(target, (str, bytes)):
            return getattr(target, func.attr)(*args)
        raise Skip(func.attr)
    if isinstance(func, ast.Name) and func.id == 'str' and len(args) == 1:
        return str(args[0])
    raise Skip('call')


def module_constants(tree):
    names = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            try:
                names[statement.targets[0].id] = evaluate(statement.value, names)
            except (Skip, TypeError, ValueError, IndexError, KeyError):
                pass
    return names


def parametrize_calls(tree):
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            if (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr == 'parametrize'
                and len(decorator.args) >= 2
            ):
                yield node.name, decorator


def rows_of(call_node, names):
    """(line, extension, text, flagged, table) for every row of one parametrize table."""
    argnames = evaluate(call_node.args[0], names)
    columns = [name.strip() for name in argnames.split(',')]
    table = call_node.args[1]
    if isinstance(table, ast.Call) and isinstance(table.func, ast.Name) and table.func.id == 'parse_test_cases':
        for pair in table.args[0].elts:
            extension = evaluate(pair.elts[0], names)
            cases = pair.elts[1]
            table_name = cases.id if isinstance(cases, ast.Name) else ''
            for row in names_node(cases, names).elts:
                for found in one_row(row, ['line', 'expected_secret'], names, extension):
                    yield (*found, table_name)
        return
    if not isinstance(table, (ast.List, ast.Tuple)):
        return
    for row in table.elts:
        for found in one_row(row, columns, names, None):
            yield (*found, '')


def names_node(node, names):
    if isinstance(node, ast.Name):
        return names['__nodes__'][node.id]
    return node


def one_row(row, columns, names, extension):
    try:
        values = evaluate(row, names) if len(columns) > 1 else [evaluate(row, names)]
    except (Skip, TypeError, ValueError, IndexError, KeyError):
        return
    record = dict(zip(columns, values))
    text = next((record[c] for c in ('payload', 'line', 'file_content') if c in record), None)
    if not isinstance(text, str):
        return
    if 'should_flag' in record:
        flagged = bool(record['should_flag'])
    elif 'expected_secret' in record:
        flagged = record['expected_secret'] is not None
    elif len(columns) == 1:
        flagged = True  # tables of one column list secrets only
    else:
        return
    yield row.lineno, extension, text, flagged


def main(paths):
    out = []
    for path in paths:
        with open(path, encoding='utf-8') as source:
            tree = ast.parse(source.read())
        names = module_constants(tree)
        names['__nodes__'] = {
            s.targets[0].id: s.value
            for s in tree.body
            if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
        }
        for test, decorator in parametrize_calls(tree):
            try:
                rows = list(rows_of(decorator, names))
            except (Skip, TypeError, ValueError, IndexError, KeyError, AttributeError):
                continue
            for line, extension, text, flagged, table_name in rows:
                out.append({
                    'path': path,
                    'line': line,
                    'unit': f'{test}[{table_name}]' if table_name else test,
                    'kind': 'tp' if flagged else 'fp',
                    'text': text,
                    **({'extension': extension} if extension else {}),
                })
    print(f'detect-secrets: {len(out)} examples', file=sys.stderr)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == '__main__':
    main(sys.argv[1:])
