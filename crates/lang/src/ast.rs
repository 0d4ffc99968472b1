//! The syntax tree of a Go source file, with Go's positions and an id on every expression and statement.
//!
//! Types are expressions, as in Go's own tree: `[]int{1}` and `[]byte(s)`
//! start the same way, and only a checker can tell `*p` the dereference
//! from `*T` the pointer type, or `f(x)` the call from `T(x)` the
//! conversion.
//!
//! Every node's `pos` is where Go's compiler puts it, which is not always
//! where the node starts: a binary expression is at its operator, a call
//! at its `(`, a selector at its `.`, an index or slice at its `[`, an
//! assignment at its `=`, `:=` or `op=`, a composite literal at its `{`.
//! [`Expr::start`] finds where an expression starts.

use crate::token::{LitKind, Op, Pos};

/// A node's number, unique in its file and given in parse order, so a later
/// pass can keep facts about nodes (types, constant values) in side tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

/// A parsed source file.
#[derive(Clone, Debug)]
pub struct File {
    /// Where the `package` keyword is.
    pub pos: Pos,
    pub package: Ident,
    pub imports: Vec<ImportSpec>,
    pub decls: Vec<Decl>,
    /// How many ids were handed out: every [`NodeId`] is below this.
    pub node_count: u32,
}

/// A name that declares or labels something (a name used as a value is an
/// [`ExprKind::Name`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub id: NodeId,
    pub pos: Pos,
    pub name: String,
}

/// `import name "path"`, one per path, grouped or not.
#[derive(Clone, Debug)]
pub struct ImportSpec {
    pub pos: Pos,
    /// A local name, or `.`.
    pub name: Option<Ident>,
    /// The path as written, quotes and all, or `None` after an error.
    pub path: Option<BasicLit>,
}

#[derive(Clone, Debug)]
pub enum Decl {
    Const(GenDecl<ConstSpec>),
    Var(GenDecl<VarSpec>),
    Type(GenDecl<TypeSpec>),
    Func(Box<FuncDecl>),
}

/// A `const`, `var` or `type` declaration: one spec, or a parenthesized
/// group of them. In a `const` group, `iota` is a spec's index.
#[derive(Clone, Debug)]
pub struct GenDecl<S> {
    /// Where the keyword is.
    pub pos: Pos,
    pub grouped: bool,
    pub specs: Vec<S>,
}

/// `a, b T = 1, 2`. A spec of a group with neither type nor values repeats
/// the previous one's (the checker does that).
#[derive(Clone, Debug)]
pub struct ConstSpec {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
}

#[derive(Clone, Debug)]
pub struct VarSpec {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
}

/// `T U` defines a new type; `T = U` is an alias.
#[derive(Clone, Debug)]
pub struct TypeSpec {
    pub pos: Pos,
    pub name: Ident,
    /// `[P any, Q comparable]` of a generic type (only `[Name ...` forms).
    pub type_params: Vec<Field>,
    pub alias: bool,
    pub ty: Expr,
}

/// `func (r R) name[P any](params) results { body }`.
#[derive(Clone, Debug)]
pub struct FuncDecl {
    /// Where the receiver's `(` or else the name is (Go's convention).
    pub pos: Pos,
    pub recv: Option<Field>,
    pub name: Ident,
    pub type_params: Vec<Field>,
    pub ty: FuncType,
    /// `None` for a declaration without a body.
    pub body: Option<Block>,
}

/// A parameter, result, or struct field: names sharing one type
/// (`a, b int`), or a type alone (an unnamed parameter, an embedded field).
#[derive(Clone, Debug)]
pub struct Field {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub ty: Expr,
    /// A struct field's tag.
    pub tag: Option<BasicLit>,
}

/// A signature: `func(a, b int, rest ...string) (n int, err error)`.
#[derive(Clone, Debug)]
pub struct FuncType {
    /// Where the parameters' `(` is (Go's convention).
    pub pos: Pos,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
}

/// `func(params) results { body }`, a closure.
#[derive(Clone, Debug)]
pub struct FuncLit {
    pub ty: FuncType,
    pub body: Block,
}

/// A method `Name(params) results` or an embedded element of an interface.
#[derive(Clone, Debug)]
pub enum InterfaceElem {
    Method {
        name: Ident,
        ty: FuncType,
    },
    /// An embedded interface or a type set term such as `~int | string`.
    Embedded(Expr),
}

/// An integer, float, imaginary, rune or string literal, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BasicLit {
    pub pos: Pos,
    pub kind: LitKind,
    pub value: String,
    /// The scanner reported an error in it.
    pub bad: bool,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub id: NodeId,
    pub pos: Pos,
    pub kind: ExprKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// Stands in for what an error made unreadable.
    Bad,
    Name(String),
    BasicLit(BasicLit),
    /// `T{...}`, or `{...}` with the type elided inside another literal.
    CompositeLit {
        ty: Option<Box<Expr>>,
        elems: Vec<Expr>,
        rbrace: Pos,
    },
    /// `key: value` in a composite literal.
    KeyValue {
        key: Box<Expr>,
        value: Box<Expr>,
    },
    /// Boxed, as are other rare large parts, to keep `Expr` small: the
    /// parser's stack frames hold many.
    FuncLit(Box<FuncLit>),
    /// `(x)`; Go's parser keeps these (for its error messages) except
    /// around the operand of `&` and around a type.
    Paren(Box<Expr>),
    Selector {
        x: Box<Expr>,
        sel: Ident,
    },
    /// `x[i]`, or `x[A, B]` (an instantiation; one index otherwise).
    Index {
        x: Box<Expr>,
        indices: Vec<Expr>,
    },
    /// `x[lo:hi]` or, with `full`, `x[lo:hi:max]`.
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
        full: bool,
    },
    /// `x.(T)`.
    TypeAssert {
        x: Box<Expr>,
        ty: Box<Expr>,
    },
    /// `x.(type)`, or `v := x.(type)` in a type switch's header.
    TypeSwitchGuard {
        lhs: Option<Ident>,
        x: Box<Expr>,
    },
    /// A call or a conversion; `dots` for `f(xs...)`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        dots: bool,
    },
    /// `op x`: `-x`, `!x`, `^x`, `&x`, `<-x`, and `*x` (a dereference or a
    /// pointer type).
    Unary {
        op: Op,
        x: Box<Expr>,
    },
    Binary {
        op: Op,
        x: Box<Expr>,
        y: Box<Expr>,
    },
    /// `[N]T`, or `[...]T` when `len` is `None`.
    ArrayType {
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    SliceType {
        elem: Box<Expr>,
    },
    /// `...T`, the type of a variadic parameter.
    DotsType {
        elem: Box<Expr>,
    },
    StructType {
        fields: Vec<Field>,
    },
    FuncType(Box<FuncType>),
    InterfaceType {
        elems: Vec<InterfaceElem>,
    },
    MapType {
        key: Box<Expr>,
        value: Box<Expr>,
    },
    ChanType {
        dir: ChanDir,
        elem: Box<Expr>,
    },
}

#[derive(Clone, Debug)]
pub struct Block {
    /// Where `{` is.
    pub pos: Pos,
    pub stmts: Vec<Stmt>,
    pub rbrace: Pos,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub id: NodeId,
    pub pos: Pos,
    pub kind: StmtKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Go,
    Defer,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// A lone `;`, or nothing before a `}` after a label.
    Empty,
    /// `var`, `const` or `type` inside a function.
    Decl(Decl),
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
    Expr(Expr),
    /// `ch <- v`.
    Send {
        ch: Expr,
        value: Expr,
    },
    /// `x++` (`inc`) or `x--`.
    IncDec {
        x: Expr,
        inc: bool,
    },
    /// `lhs = rhs`, or `lhs op= rhs` when `op` is set.
    Assign {
        op: Option<Op>,
        lhs: Vec<Expr>,
        rhs: Vec<Expr>,
    },
    /// `lhs := rhs`.
    Define {
        lhs: Vec<Expr>,
        rhs: Vec<Expr>,
    },
    /// `go f(x)` or `defer f(x)`; `call` is a call unless an error was reported.
    Call {
        kind: CallKind,
        call: Expr,
    },
    Return(Vec<Expr>),
    Branch {
        kind: BranchKind,
        label: Option<Ident>,
    },
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    /// An expression switch, or a type switch when `tag` is a
    /// [`ExprKind::TypeSwitchGuard`].
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        clauses: Vec<CaseClause>,
        rbrace: Pos,
    },
    Select {
        clauses: Vec<CommClause>,
        rbrace: Pos,
    },
    /// `for init; cond; post {}`, `for cond {}` or `for {}`.
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for k, v := range x {}`: `lhs` holds 0 to 2 expressions, declared
    /// when `define`, assigned otherwise. `range_pos` is where `range` is.
    ForRange {
        lhs: Vec<Expr>,
        define: bool,
        range_pos: Pos,
        x: Expr,
        body: Block,
    },
}

/// `case a, b:` (or `default:` when `cases` is `None`) and its statements.
#[derive(Clone, Debug)]
pub struct CaseClause {
    pub pos: Pos,
    pub cases: Option<Vec<Expr>>,
    pub colon: Pos,
    pub body: Vec<Stmt>,
}

/// `case v, ok := <-ch:`, `case ch <- v:` (or `default:` when `comm` is
/// `None`) and its statements.
#[derive(Clone, Debug)]
pub struct CommClause {
    pub pos: Pos,
    pub comm: Option<Box<Stmt>>,
    pub colon: Pos,
    pub body: Vec<Stmt>,
}

impl Expr {
    /// Where the expression starts in the source (its `pos` is where Go
    /// reports it, e.g. at a binary operator).
    pub fn start(&self) -> Pos {
        let mut x = self;
        loop {
            x = match &x.kind {
                ExprKind::CompositeLit { ty: Some(ty), .. } => ty,
                ExprKind::Selector { x, .. }
                | ExprKind::Index { x, .. }
                | ExprKind::Slice { x, .. }
                | ExprKind::TypeAssert { x, .. }
                | ExprKind::Binary { x, .. }
                | ExprKind::KeyValue { key: x, .. }
                | ExprKind::Call { func: x, .. } => x,
                ExprKind::TypeSwitchGuard { lhs: Some(lhs), .. } => return lhs.pos,
                ExprKind::TypeSwitchGuard { x, .. } => x,
                _ => return x.pos,
            };
        }
    }
}
