//! The learner's Go program, editable: a textarea over its highlighted copy, a margin of line numbers with the goroutines' cursors and the compile errors, and the console of what it printed up to the playhead.

use std::rc::Rc;

use gobalance_core::view::ViewState;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::go_syntax::{self, Class};
use crate::program::{Diagnostic, Report};
use crate::state::{Action, RunState, Shared};
use crate::{fmt, labels};

#[derive(Properties, PartialEq)]
pub struct ProgramEditorProps {
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

/// Goroutines named on a line of the margin; the rest are counted.
const CURSORS_PER_LINE: usize = 2;

#[function_component(ProgramEditor)]
pub fn program_editor(props: &ProgramEditorProps) -> Html {
    let input = use_node_ref();
    // Esc, then Tab, leaves the editor; Tab alone indents.
    let escaped = use_mut_ref(|| false);
    let source: Rc<str> = props.source.as_deref().unwrap_or("").into();
    let lines = go_syntax::highlight(&source);
    let diagnostics = props
        .report
        .as_ref()
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
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let value = area.value();
            // The selection is in UTF-16 units; the text is cut at the same place in chars.
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
    let mut cursors: Vec<(Vec<(u32, String)>, usize)> = vec![(Vec::new(), 0); lines.len() + 1];
    if let Some(view) = &props.view {
        for (g, gv) in view.live_goroutines() {
            let line = usize::from(gv.line);
            if line == 0 || line > lines.len() {
                continue;
            }
            let (named, more) = &mut cursors[line];
            if named.len() < CURSORS_PER_LINE || props.selected == Some(g) {
                named.push((g, labels::goroutine(&gv)));
            } else {
                *more += 1;
            }
        }
    }
    let failed_line = props
        .report
        .as_ref()
        .and_then(|r| r.failed_at)
        .filter(|_| props.at_end)
        .map(|(_, line)| line as usize);
    let margin_line = |n: usize| {
        let (named, more) = &cursors[n];
        let error = diagnostics.iter().any(|d| d.line as usize == n);
        let chips = named.iter().map(|(g, name)| {
            let g = *g;
            let selected = props.selected == Some(g);
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
                if *more > 0 { <span class="more">{ format!("+{more}") }</span> }
                <span class="number" aria-hidden="true">{ n }</span>
            </div>
        }
    };
    let highlighted = lines.iter().map(|pieces| {
        let pieces = pieces.iter().map(|(class, text)| match class {
            Class::Plain => html! { { *text } },
            class => html! { <span class={class.css()}>{ *text }</span> },
        });
        // A newline inside each line keeps empty lines their height.
        html! { <>{ for pieces }{ "\n" }</> }
    });

    let status = status_line(
        &props.run,
        props.report.as_deref(),
        &diagnostics,
        props.at_end,
    );
    let printed = props
        .report
        .as_ref()
        .map(|r| r.printed_by(props.playhead).to_vec())
        .unwrap_or_default();
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
                <button data-testid="program-reset" onclick={props.on_action.reform(|_: MouseEvent| Action::ResetProgram)}>
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
                        { for (1..=lines.len()).map(margin_line) }
                    </div>
                    <div class="editor-text">
                        <pre class="editor-highlight" aria-hidden="true"><code>{ for highlighted }</code></pre>
                        <textarea
                            ref={input}
                            data-testid="editor-input"
                            aria-label="Go program, editable: Tab indents, Esc then Tab moves on"
                            aria-describedby="program-help"
                            spellcheck="false"
                            autocapitalize="off"
                            wrap="off"
                            rows={lines.len().to_string()}
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
                <ol>
                    { for printed.iter().map(|p| html! {
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
            <p id="program-help" class="program-help">
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
        (_, Some(report)) if report.status == 1 => match diagnostics.len() {
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
