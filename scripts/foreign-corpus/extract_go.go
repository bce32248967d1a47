// Extracts the literal test examples of gitleaks' rule definitions and TruffleHog's detector tests.
//
// Usage: go run extract_go.go gitleaks|trufflehog FILE...  (prints a JSON array on stdout)
//
// Only what can be evaluated without running the code is taken: string literals, concatenation,
// package-level and local string constants, fmt.Sprintf, strings.Repeat and gitleaks'
// utils.GenerateSampleSecret. Values generated at random when the upstream tests run
// (secrets.NewSecret, GenerateSampleSecrets' 25 wrappings) are skipped, and so is anything
// built in a loop.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
)

// Example is one extracted test input.
type Example struct {
	Path string `json:"path"`
	// Line in the upstream file where the example's expression starts.
	Line int `json:"line"`
	// The rule function (gitleaks) or test case name (TruffleHog).
	Unit string `json:"unit"`
	// "tp"/"fp" for gitleaks; "want"/"none" for TruffleHog (want: the detector must report Want).
	Kind string   `json:"kind"`
	Text string   `json:"text"`
	Want []string `json:"want,omitempty"`
}

type evaluator struct {
	fset    *token.FileSet
	strs    map[string]any
	lists   map[string][]string
	skipped int
}

func (e *evaluator) eval(expr ast.Expr, local map[string]any) (any, bool) {
	switch x := expr.(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.STRING, token.CHAR:
			s, err := strconv.Unquote(x.Value)
			return s, err == nil
		case token.INT:
			n, err := strconv.Atoi(x.Value)
			return n, err == nil
		}
	case *ast.ParenExpr:
		return e.eval(x.X, local)
	case *ast.Ident:
		if v, ok := local[x.Name]; ok {
			return v, true
		}
		v, ok := e.strs[x.Name]
		return v, ok
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return nil, false
		}
		a, ok1 := e.eval(x.X, local)
		b, ok2 := e.eval(x.Y, local)
		as, ok3 := a.(string)
		bs, ok4 := b.(string)
		if ok1 && ok2 && ok3 && ok4 {
			return as + bs, true
		}
	case *ast.CallExpr:
		return e.call(x, local)
	}
	return nil, false
}

func (e *evaluator) call(x *ast.CallExpr, local map[string]any) (any, bool) {
	sel, ok := x.Fun.(*ast.SelectorExpr)
	if !ok {
		// string(...) conversion
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "string" && len(x.Args) == 1 {
			return e.eval(x.Args[0], local)
		}
		return nil, false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil, false
	}
	args := make([]any, 0, len(x.Args))
	for _, arg := range x.Args {
		v, ok := e.eval(arg, local)
		if !ok {
			return nil, false
		}
		args = append(args, v)
	}
	name := pkg.Name + "." + sel.Sel.Name
	switch name {
	case "fmt.Sprintf":
		if f, ok := args[0].(string); ok {
			return fmt.Sprintf(f, args[1:]...), true
		}
	case "strings.Repeat":
		s, ok1 := args[0].(string)
		n, ok2 := args[1].(int)
		if ok1 && ok2 {
			return strings.Repeat(s, n), true
		}
	case "utils.GenerateSampleSecret":
		return fmt.Sprintf("%s_api_token = \"%s\"", args[0], args[1]), true
	}
	return nil, false
}

// list evaluates a []string{...} literal, or append(base, items...) onto what `current` holds.
func (e *evaluator) list(expr ast.Expr, self string, current []string, local map[string]any, includeLists bool) ([]string, []int) {
	var out []string
	var lines []int
	add := func(items []ast.Expr, ellipsis bool) {
		for i, item := range items {
			if ellipsis && i == len(items)-1 {
				if id, ok := item.(*ast.Ident); ok && includeLists {
					for _, v := range e.lists[id.Name] {
						out = append(out, v)
						lines = append(lines, e.fset.Position(item.Pos()).Line)
					}
				} else {
					e.skipped++
				}
				continue
			}
			if v, ok := e.eval(item, local); ok {
				if s, ok := v.(string); ok {
					out = append(out, s)
					lines = append(lines, e.fset.Position(item.Pos()).Line)
					continue
				}
			}
			e.skipped++
		}
	}
	switch x := expr.(type) {
	case *ast.CompositeLit:
		add(x.Elts, false)
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "append" && len(x.Args) > 0 {
			if base, ok := x.Args[0].(*ast.Ident); ok && base.Name == self {
				out = append(out, current...)
				lines = append(lines, make([]int, len(current))...)
			} else if base, ok := x.Args[0].(*ast.Ident); ok && includeLists {
				out = append(out, e.lists[base.Name]...)
				lines = append(lines, make([]int, len(e.lists[base.Name]))...)
			}
			add(x.Args[1:], x.Ellipsis.IsValid())
		}
	}
	return out, lines
}

func (e *evaluator) packageValues(file *ast.File) {
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || (gen.Tok != token.VAR && gen.Tok != token.CONST) {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if i >= len(vs.Values) {
					continue
				}
				if v, ok := e.eval(vs.Values[i], nil); ok {
					e.strs[name.Name] = v
				} else if lit, ok := vs.Values[i].(*ast.CompositeLit); ok {
					values, _ := e.list(lit, name.Name, nil, nil, false)
					e.lists[name.Name] = values
				}
			}
		}
	}
}

// gitleaks: in every rule function, the values of tps/fps (true and false positives).
func (e *evaluator) gitleaks(path string, file *ast.File) []Example {
	var out []Example
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		local := map[string]any{}
		lists := map[string][]string{}
		lineOf := map[string][]int{}
		for _, stmt := range fn.Body.List {
			assign, ok := stmt.(*ast.AssignStmt)
			if !ok || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 {
				continue
			}
			name, ok := assign.Lhs[0].(*ast.Ident)
			if !ok {
				continue
			}
			if name.Name == "tps" || name.Name == "fps" {
				values, lines := e.list(assign.Rhs[0], name.Name, lists[name.Name], local, name.Name == "tps")
				// Keep the source lines of values carried over from the previous assignment.
				for i := range lines {
					if lines[i] == 0 && i < len(lineOf[name.Name]) {
						lines[i] = lineOf[name.Name][i]
					}
				}
				lists[name.Name], lineOf[name.Name] = values, lines
			} else if v, ok := e.eval(assign.Rhs[0], local); ok {
				local[name.Name] = v
			}
		}
		for _, kind := range []string{"tps", "fps"} {
			for i, text := range lists[kind] {
				out = append(out, Example{Path: path, Line: lineOf[kind][i], Unit: fn.Name.Name, Kind: kind[:2], Text: text})
			}
		}
	}
	return out
}

// TruffleHog: every test-case literal with an `input` and a `want` field.
func (e *evaluator) trufflehog(path string, file *ast.File) []Example {
	var out []Example
	ast.Inspect(file, func(node ast.Node) bool {
		lit, ok := node.(*ast.CompositeLit)
		if !ok {
			return true
		}
		fields := map[string]ast.Expr{}
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok {
					fields[key.Name] = kv.Value
				}
			}
		}
		inputExpr, hasInput := fields["input"]
		wantExpr, hasWant := fields["want"]
		if !hasInput || !hasWant {
			return true
		}
		input, ok := e.eval(inputExpr, nil)
		text, isString := input.(string)
		if !ok || !isString {
			e.skipped++
			return false
		}
		name := ""
		if n, ok := e.eval(fields["name"], nil); ok {
			name, _ = n.(string)
		}
		var want []string
		if id, ok := wantExpr.(*ast.Ident); !(ok && id.Name == "nil") {
			want, _ = e.list(wantExpr, "", nil, nil, false)
		}
		kind := "none"
		if len(want) > 0 {
			kind = "want"
		}
		out = append(out, Example{Path: path, Line: e.fset.Position(lit.Pos()).Line, Unit: name, Kind: kind, Text: text, Want: want})
		return false
	})
	return out
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: go run extract_go.go gitleaks|trufflehog FILE...")
		os.Exit(2)
	}
	mode := os.Args[1]
	all := []Example{}
	skipped := 0
	for _, path := range os.Args[2:] {
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		e := &evaluator{fset: fset, strs: map[string]any{}, lists: map[string][]string{}}
		e.packageValues(file)
		if mode == "gitleaks" {
			all = append(all, e.gitleaks(path, file)...)
		} else {
			all = append(all, e.trufflehog(path, file)...)
		}
		skipped += e.skipped
	}
	fmt.Fprintf(os.Stderr, "%s: %d examples, %d expressions skipped (not literal)\n", mode, len(all), skipped)
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", " ")
	if err := out.Encode(all); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
