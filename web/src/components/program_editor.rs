//! The learner's Go program, editable: a textarea over its highlighted copy, a margin of line numbers with the goroutines' cursors and the compile errors, and the console of what it printed up to the playhead.

use gobalance_core::view::ViewState;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::code_view::cursors_by_line;
use crate::fmt;
use crate::go_syntax::{self, Class};
use crate::program::{Diagnostic, Printed, Report};
use crate::state::{Action, RunState, Shared};

#[derive(Properties, PartialEq)]
pub struct ProgramEditorProps {
    /// The strategy whose program Reset puts back.
    pub strategy: gobalance_core::Strategy,
    /// The program's text; `None` while a link's program is being unpacked.
    pub source: Option<AttrValue>,
    pub report: Option<Shared<Report>>,
    pub run: RunState,
    /// The state at the playhead, when the run is loaded.
    pub view: Option<Shared<ViewState>>,
    pub playhead: u64,
    /// Whether the playhead is on the last step (the failure, if any, shows there).
    pub at_end: bool,
    pub selected: Option<u32>,
    pub on_action: Callback<Action>,
}

/// Printed lines the console shows, the last ones.
const CONSOLE_LINES_MAX: usize = 500;

#[function_component(ProgramEditor)]
pub fn program_editor(props: &ProgramEditorProps) -> Html {
    let input = use_node_ref();
    // Esc, then Tab, leaves the editor; Tab alone indents.
    let escaped = use_mut_ref(|| false);
    let source: &str = props.source.as_deref().unwrap_or("");
    let line_count = source.split('\n').count();
    // A report about an older text would mark the wrong places: the newer run answers soon.
    let diagnostics = props
        .report
        .as_ref()
        .filter(|r| r.source == source)
        .map(|r| r.diagnostics())
        .unwrap_or_default();

    let on_input = props.on_action.reform(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        Action::ProgramChanged(area.value())
    });
    let on_keydown = {
        let on_action = props.on_action.clone();
        let escaped = escaped.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            let leaving = std::mem::replace(&mut *escaped.borrow_mut(), key == "Escape");
            if key != "Tab" || event.shift_key() || leaving || event.ctrl_key() || event.alt_key() {
                return;
            }
            event.prevent_default();
            // As if typed: the browser keeps it in its undo history and fires `input`.
            if insert_text("\t") {
                return;
            }
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let value = area.value();
            // The selection is in UTF-16 units, so the text is cut in them too.
            let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
            let utf16: Vec<u16> = value.encode_utf16().collect();
            let (start, end) = (start.min(utf16.len()), end.min(utf16.len()));
            let edited = String::from_utf16_lossy(&utf16[..start])
                + "\t"
                + &String::from_utf16_lossy(&utf16[end..]);
            area.set_value(&edited);
            let caret = start as u32 + 1;
            let _ = area.set_selection_range(caret, caret);
            on_action.emit(Action::ProgramChanged(edited));
        })
    };
    let jump_to = {
        let input = input.clone();
        Callback::from(move |(line, column): (u32, u32)| {
            let Some(area) = input.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let value = area.value();
            // Go's columns count bytes; the textarea counts UTF-16 units.
            let line_start: usize = value
                .split('\n')
                .take(line.saturating_sub(1) as usize)
                .map(|l| l.len() + 1)
                .sum();
            let byte = (line_start + column.saturating_sub(1) as usize).min(value.len());
            let byte = (0..=byte)
                .rev()
                .find(|&b| value.is_char_boundary(b))
                .unwrap_or(0);
            let caret = value[..byte].encode_utf16().count() as u32;
            let _ = area.focus();
            let _ = area.set_selection_range(caret, caret);
        })
    };

    // Which goroutines sit on which line at the playhead.
    let cursors = match &props.view {
        Some(view) => cursors_by_line(view, line_count, props.selected),
        None => vec![(Vec::new(), 0); line_count + 1],
    };
    let failed_line = props
        .report
        .as_ref()
        .and_then(|r| r.failed_at)
        .filter(|_| props.at_end)
        .map(|(_, line)| line as usize);
    let margin_line = |n: usize| {
        let (named, more) = &cursors[n];
        let error = diagnostics.iter().any(|d| d.line as usize == n);
        let chips = named.iter().map(|(g, name, selected)| {
            let (g, selected) = (*g, *selected);
            html! {
                <button class={classes!("cursor", selected.then_some("selected"))}
                    aria-label={format!("g{g}, {name}, on line {n}")}
                    aria-pressed={selected.to_string()}
                    onclick={props.on_action.reform(move |_: MouseEvent| Action::ToggleSelect(g))}>
                    { format!("g{g}") }
                </button>
            }
        });
        html! {
            <div class={classes!("margin-line", error.then_some("has-error"), (failed_line == Some(n)).then_some("has-failure"))} data-line={n.to_string()}>
                { for chips }
                if *more > 0 {
                    <span class="more" title={format!("{more} more goroutines on line {n}")}
                        aria-label={format!("{more} more goroutines on line {n}")}>{ format!("+{more}") }</span>
                }
                <span class="number" aria-hidden="true">{ n }</span>
            </div>
        }
    };

    let reset = {
        let on_action = props.on_action.clone();
        let strategy = props.strategy;
        Callback::from(move |_: MouseEvent| {
            replace_program(&crate::state::Program::built_in(strategy), &on_action);
        })
    };
    let status = status_line(
        &props.run,
        props.report.as_deref(),
        &diagnostics,
        props.at_end,
    );
    let printed: &[Printed] = props
        .report
        .as_ref()
        .map_or(&[], |r| r.printed_by(props.playhead));
    // The last lines only: a program may print a million, and every frame draws them.
    let hidden = printed.len().saturating_sub(CONSOLE_LINES_MAX);
    let all_printed = props.report.as_ref().map_or(0, |r| r.printed.len());
    let failure = props
        .report
        .as_ref()
        .filter(|_| props.at_end)
        .and_then(|r| r.failure());

    html! {
        <section class="panel program-panel" data-testid="program" aria-label="Your Go program">
            <h2>{ "Your program " }<span class="path">{ "main.go" }</span></h2>
            <div class="program-actions">
                <button data-testid="program-reset" onclick={reset}>
                    { "Reset to the strategy's program" }
                </button>
                <button data-testid="program-close" onclick={props.on_action.reform(|_: MouseEvent| Action::CloseProgram)}>
                    { "Back to the built-in strategy" }
                </button>
            </div>
            <p class="program-status" data-testid="program-status" role="status">{ status }</p>
            if props.source.is_none() {
                <p>{ "Unpacking the program from the link…" }</p>
            } else {
                <div class="editor">
                    <div class="editor-margin" role="group" aria-label="goroutines by line">
                        { for (1..=line_count).map(margin_line) }
                    </div>
                    <div class="editor-text">
                        <HighlightedCode source={props.source.clone().unwrap_or_default()} />
                        <textarea
                            ref={input}
                            data-testid="editor-input"
                            aria-label="Go program, editable"
                            aria-describedby="program-keys"
                            spellcheck="false"
                            autocapitalize="off"
                            wrap="off"
                            rows={line_count.to_string()}
                            value={props.source.clone().unwrap_or_default()}
                            oninput={on_input}
                            onkeydown={on_keydown}
                        />
                    </div>
                </div>
            }
            if !diagnostics.is_empty() {
                <ul class="diagnostics" data-testid="diagnostics" aria-label="compile errors">
                    { for diagnostics.iter().map(|d| diagnostic_item(d, &jump_to)) }
                </ul>
            }
            <section class="console" data-testid="console" aria-label="output">
                <h3>{ format!("Output: {} of {} lines printed so far", printed.len(), all_printed) }</h3>
                if hidden > 0 {
                    <p class="muted">{ format!("{} earlier lines not shown", fmt::count(hidden as u64)) }</p>
                }
                <ol>
                    { for printed[hidden..].iter().map(|p| html! {
                        <li data-testid="console-line">
                            <span class="when">{ format!("{} g{}", fmt::duration(p.at), p.goroutine) }</span>
                            <span class="text">{ p.text.clone() }</span>
                        </li>
                    }) }
                </ol>
                if let Some(failure) = failure {
                    <p class="console-failure" data-testid="console-failure">{ failure }</p>
                }
            </section>
            <p id="program-keys" class="program-help">{ "It runs again as you type. Tab indents; Esc then Tab moves on." }</p>
            <p class="program-help">
                { "Edit the program and it runs again on the simulated runtime, with this page's machine, costs and workload (work.Parse reads them). \
                   The Go 1.19 it runs: package main; fmt, sync, sync/atomic, time, context, runtime, math/rand, sort, strings, strconv, errors and the work package; \
                   functions, methods, closures, go, defer, multiple results, error; integers, bool, string, float64, byte, rune, time.Duration, arrays, slices, maps, \
                   structs, pointers, channels; for, if, switch, select, labels. Not yet: type switches and assertions, generics, goto, method values, recover, \
                   String and Error methods in fmt, time.AfterFunc, context.WithDeadline, work.NewLimiter, keyed slice literals; maps range in key order. \
                   Comments such as //@spawn_worker give goroutines and channels the roles the stage shows. Share carries the program in the link. \
                   Compare, the sweep, Run for real and Download Go program still use the strategy's own program." }
            </p>
        </section>
    }
}

fn diagnostic_item(d: &Diagnostic, jump_to: &Callback<(u32, u32)>) -> Html {
    let at = (d.line, d.column);
    html! {
        <li>
            <button data-testid="diagnostic" onclick={jump_to.reform(move |_: MouseEvent| at)}>
                { format!("main.go:{}:{}: {}", d.line, d.column, d.message) }
            </button>
        </li>
    }
}

/// One sentence on where the program is.
fn status_line(
    run: &RunState,
    report: Option<&Report>,
    diagnostics: &[Diagnostic],
    at_end: bool,
) -> String {
    match (run, report) {
        (RunState::Waiting | RunState::Running(_), _) => "Running your program…".into(),
        (_, Some(report)) if !report.compiled => match diagnostics.len() {
            1 => "It does not compile: 1 error, as go build reports it.".into(),
            n => format!("It does not compile: {n} errors, as go build reports them."),
        },
        (RunState::Failed(message), _) => message.clone(),
        (RunState::Ready(_), Some(report)) => match report.failure() {
            Some(failure) if at_end => failure,
            Some(failure) => format!("{failure}: step to the end to see where it stops."),
            None => "It ran to the end (exit status 0). Step through it as any run.".into(),
        },
        _ => String::new(),
    }
}

/// Puts `text` in the editor in place of its program. In an open editor it
/// is typed over the whole text, one step of the field's undo history, so
/// Ctrl+Z brings the learner's own text back; otherwise it opens with it.
pub fn replace_program(text: &str, on_action: &Callback<Action>) {
    let editor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("[data-testid=editor-input]")
                .ok()
                .flatten()
        })
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(e).ok());
    if let Some(editor) = editor {
        let _ = editor.focus();
        editor.select();
        // Its `input` event reports the new text, as typing does.
        if insert_text(text) {
            return;
        }
    }
    on_action.emit(Action::ProgramChanged(text.to_owned()));
}

/// `document.execCommand("insertText")`: types `text` at the caret as the
/// keyboard would. Deprecated but kept by every browser, and the only way a
/// script's edit joins the field's undo history; `false` where it is gone.
fn insert_text(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(exec) = js_sys::Reflect::get(&document, &"execCommand".into()) else {
        return false;
    };
    let Some(exec) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&exec) else {
        return false;
    };
    exec.call3(&document, &"insertText".into(), &false.into(), &text.into())
        .ok()
        .and_then(|done| done.as_bool())
        .unwrap_or(false)
}

#[derive(Properties, PartialEq)]
struct HighlightedCodeProps {
    source: AttrValue,
}

/// The coloured copy under the textarea: a component of its own, so the
/// frames of playback, which change only the margin and the console, do not
/// colour the text again.
#[function_component(HighlightedCode)]
fn highlighted_code(props: &HighlightedCodeProps) -> Html {
    let lines = go_syntax::highlight(&props.source)
        .into_iter()
        .map(|pieces| {
            let pieces = pieces.into_iter().map(|(class, text)| match class {
                Class::Plain => html! { { text } },
                class => html! { <span class={class.css()}>{ text }</span> },
            });
            // A newline inside each line keeps empty lines their height.
            html! { <>{ for pieces }{ "\n" }</> }
        });
    html! {
        <pre class="editor-highlight" aria-hidden="true"><code>{ for lines }</code></pre>
    }
}
