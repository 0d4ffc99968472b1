//! Valid Go parses, and the tree says what Go means.

use std::path::{Path, PathBuf};

use gobalance_lang::ast::*;
use gobalance_lang::token::Pos;

use crate::shape::{main_body, Shaper};

fn go_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").path())
        .collect();
    files.sort();
    files
}

/// The Go programs of crates/core/go: each scenario's main.go, and the
/// `work` package they share.
pub fn repository_programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/go");
    let mut programs = Vec::new();
    for dir in go_files(&root) {
        if dir.join("main.go").is_file() {
            programs.push(dir.join("main.go"));
        }
    }
    programs.extend(
        go_files(&root.join("work"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "go")),
    );
    programs
}

#[test]
fn every_repository_program_parses() {
    let programs = repository_programs();
    assert!(programs.len() >= 11, "found only {programs:?}");
    for path in programs {
        let src = std::fs::read(&path).expect("read");
        if let Err(errors) = gobalance_lang::parse(&src) {
            panic!("{}: {errors:?}", path.display());
        }
    }
}

#[test]
fn node_ids_are_unique_and_below_the_count() {
    for path in repository_programs() {
        let file = gobalance_lang::parse(std::fs::read(&path).expect("read")).expect("parses");
        let mut shaper = Shaper::default();
        shaper.file(&file);
        let mut ids = shaper.ids.clone();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "{}: an id is used twice", path.display());
        assert!(
            ids.iter().all(|id| id.0 < file.node_count),
            "{}",
            path.display()
        );
    }
}

#[test]
fn binary_operators_bind_by_go_precedence() {
    assert_eq!(
        main_body("_ = a || b && c == d + e * f"),
        "{_ = (a || (b && (c == (d + (e * f)))))}"
    );
    assert_eq!(
        main_body("_ = a * b + c <= d && e || f"),
        "{_ = (((((a * b) + c) <= d) && e) || f)}"
    );
    assert_eq!(main_body("_ = a - b - c"), "{_ = ((a - b) - c)}");
    assert_eq!(
        main_body("_ = a << 1 | b &^ c"),
        "{_ = ((a << 1) | (b &^ c))}"
    );
    assert_eq!(main_body("_ = -a * b"), "{_ = ((-a) * b)}");
    assert_eq!(main_body("_ = *p.x + <-ch"), "{_ = ((*p.x) + (<-ch))}");
    assert_eq!(
        main_body("_ = !ok == (x != y)"),
        "{_ = ((!ok) == paren((x != y)))}"
    );
}

#[test]
fn receive_of_a_channel_type_is_a_receive_only_type() {
    assert_eq!(main_body("var c <-chan int"), "{var (c <-chan int = )}");
    assert_eq!(
        main_body("_ = (<-chan int)(c)"),
        "{_ = paren(<-chan int)(c)}"
    );
    assert_eq!(main_body("_ = make(chan<- int)"), "{_ = make(chan<- int)}");
    assert_eq!(main_body("v := <-c"), "{v := (<-c)}");
}

#[test]
fn composite_literal_after_a_name_in_a_header_is_the_block() {
    // `x {` in a header opens the block; a literal type that is not a
    // plain name, or parentheses, make it a literal.
    assert_eq!(main_body("if x == y {\n}"), "{if ; (x == y) {}}");
    assert_eq!(
        main_body("for _, v := range []int{1, 2} {\n}"),
        "{for _, v := range []int{1, 2} {}}"
    );
    assert_eq!(
        main_body("if (T{}) == x {\n}"),
        "{if ; (paren(T{}) == x) {}}"
    );
    assert_eq!(
        main_body("if v := f(T{a: 1}); v {\n}"),
        "{if v := f(T{a: 1}); v {}}"
    );
    assert_eq!(
        main_body("switch s := (S{}); s.n {\n}"),
        "{switch s := paren(S{}); s.n {}}"
    );
    // Elsewhere `T{` is a literal, and inner types may be elided.
    assert_eq!(
        main_body("m := map[string][]P{\"a\": {{1, 2}}, \"b\": nil}"),
        "{m := map[string][]P{\"a\": {{1, 2}}, \"b\": nil}}"
    );
    assert_eq!(main_body("p := &T{x: 1}"), "{p := (&T{x: 1})}");
}

#[test]
fn semicolons_are_inserted_after_line_ending_tokens() {
    // After `return` a newline ends the statement: `x` is a statement of its own.
    assert_eq!(main_body("return\nx"), "{return; x}");
    assert_eq!(main_body("i++\nj--"), "{i++; j--}");
    assert_eq!(main_body("f(\n\ta,\n\tb,\n)"), "{f(a, b)}");
    // A comment spanning lines acts as a newline; one within a line does not.
    assert_eq!(main_body("x := 1 /* a\n */ y := 2"), "{x := 1; y := 2}");
    assert_eq!(main_body("x := /* a */ 1"), "{x := 1}");
    // Operators at the end of a line continue the expression.
    assert_eq!(main_body("x := a +\n\tb"), "{x := (a + b)}");
}

#[test]
fn statements_of_every_kind_parse() {
    let body = "\
var (\n\ta, b int\n\tc = 1\n)\n\
const (\n\tA = iota\n\tB\n)\n\
type pair struct{ a, b int }\n\
x, y := 1, 2\n\
x += y\n\
ch <- x\n\
go func() {}()\n\
defer wg.Done()\n\
L:\n\
for i := 0; i < 3; i++ {\n\tif i == 1 {\n\t\tcontinue L\n\t} else if i == 2 {\n\t\tbreak L\n\t} else {\n\t\tgoto M\n\t}\n}\n\
M:\n\
for {\n\tbreak\n}\n\
for x < 3 {\n}\n\
for range ch {\n}\n\
for i := range xs {\n\t_ = i\n}\n\
for k, v = range m {\n}\n\
switch x := f(); x {\ncase 1, 2:\n\tfallthrough\ndefault:\n}\n\
switch {\ncase x > 1:\n}\n\
switch v := i.(type) {\ncase int, string:\n\t_ = v\n}\n\
select {\ncase v, ok := <-ch:\n\t_, _ = v, ok\ncase ch <- 1:\ncase <-done:\ndefault:\n}\n\
_ = s[1:2:3]\n\
_ = s[:]\n\
_ = i.(fmt.Stringer)\n\
f(xs...)\n\
return";
    let shape = main_body(body);
    for part in [
        "var (a, b int = ; c = 1)",
        "const (A = iota; B = )",
        "type (pair struct{a, b int})",
        "x, y := 1, 2",
        "x += y",
        "ch <- x",
        "go func{}()",
        "defer wg.Done()",
        "L: for i := 0; (i < 3); i++ {if ; (i == 1) {continue l} else if ; (i == 2) {break l} else {goto m}}",
        "M: for ; ;  {break}",
        "for ; (x < 3);  {}",
        "for range ch {}",
        "for i := range xs {_ = i}",
        "for k, v = range m {}",
        "switch x := f(); x {case 1, 2: fallthrough | default: }",
        "switch ;  {case (x > 1): }",
        "switch ; v := i.(type) {case int, string: _ = v}",
        "select {case v, ok := (<-ch): _, _ = v, ok | case ch <- 1:  | case (<-done):  | default: }",
        "_ = s[1:2:3]",
        "_ = s[::]",
        "_ = i.(fmt.Stringer)",
        "f(xs...)",
        "return",
    ] {
        assert!(shape.contains(part), "missing {part:?} in\n{shape}");
    }
}

#[test]
fn declarations_keep_receivers_parameters_and_results() {
    let src = "package main\n\n\
import (\n\t\"fmt\"\n\tw \"gobalance/work\"\n)\n\
type T struct {\n\tn int\n\tnext *T\n\tf func(int) (string, error)\n\tm map[string][]int\n\tc chan<- struct{}\n}\n\
type Named []T\n\
func (t *T) Get(a, b int, rest ...string) (n int, err error) { return }\n\
func (T) Value() int { return 0 }\n\
func f(int, string) {}\n\
func g() interface{ M(); fmt.Stringer } { return nil }\n\
var _ = [...]int{1, 2}\n\
var _ [4]byte\n\
var _ any\n";
    let file = gobalance_lang::parse(src).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(file.imports.len(), 2);
    assert_eq!(
        file.imports[1].name.as_ref().map(|n| n.name.as_str()),
        Some("w")
    );
    assert_eq!(
        file.imports[1].path.as_ref().map(|p| p.value.as_str()),
        Some("\"gobalance/work\"")
    );
    let funcs: Vec<&FuncDecl> = file
        .decls
        .iter()
        .filter_map(|d| {
            if let Decl::Func(f) = d {
                Some(&**f)
            } else {
                None
            }
        })
        .collect();
    let get = funcs[0];
    let recv = get.recv.as_ref().expect("receiver");
    assert_eq!(recv.names[0].name, "t");
    assert!(matches!(
        recv.ty.kind,
        ExprKind::Unary {
            op: gobalance_lang::token::Op::Mul,
            ..
        }
    ));
    let params: Vec<(Vec<&str>, String)> = get
        .ty
        .params
        .iter()
        .map(|f| {
            (
                f.names.iter().map(|n| n.name.as_str()).collect(),
                gobalance_lang::print::print_expr(&f.ty),
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            (vec!["a", "b"], "int".to_string()),
            (vec!["rest"], "...string".to_string())
        ]
    );
    assert_eq!(get.ty.results.len(), 2);
    assert!(funcs[1].recv.as_ref().is_some_and(|r| r.names.is_empty()));
    assert_eq!(funcs[2].ty.params.len(), 2, "unnamed parameters are types");
    assert!(funcs[2].ty.params.iter().all(|f| f.names.is_empty()));
}

#[test]
fn positions_are_go_lines_and_byte_columns() {
    // A tab is one column, `é` two: the column is a byte count.
    let src = "package main\n\nfunc main() {\n\ts := \"é\"; x := a + b\n}\n";
    let file = gobalance_lang::parse(src).expect("parses");
    let Decl::Func(main) = &file.decls[0] else {
        panic!()
    };
    let stmts = &main.body.as_ref().unwrap().stmts;
    // An assignment is where its operator is, as Go reports it.
    assert_eq!(stmts[0].pos, Pos::new(4, 4));
    let StmtKind::Define { lhs, rhs } = &stmts[1].kind else {
        panic!()
    };
    assert_eq!(lhs[0].pos, Pos::new(4, 13));
    assert_eq!(stmts[1].pos, Pos::new(4, 15));
    // A binary expression is at its operator; it starts at its left operand.
    assert_eq!(rhs[0].pos, Pos::new(4, 20));
    assert_eq!(rhs[0].start(), Pos::new(4, 18));
}
