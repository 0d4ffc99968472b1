//! The parameter panel: the strategy, the fields its program reads, the workload, the machine, the seed, and the compare set.
//!
//! Every change is an `Edit` the reducer checks with the link parser, so
//! what the panel accepts is exactly what a link accepts; the page then
//! re-simulates and the address follows.

use std::rc::Rc;

use gobalance_core::scenario::FieldError;
use gobalance_core::{Scenario, Strategy};
use yew::prelude::*;

use crate::hooks::use_media_query;
use crate::params::{self, Field, Input};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ParamsPanelProps {
    pub scenario: Rc<Scenario>,
    pub compare: Vec<Strategy>,
    pub edit_error: Option<FieldError>,
    pub on_action: Callback<Action>,
}

#[function_component(ParamsPanel)]
pub fn params_panel(props: &ParamsPanelProps) -> Html {
    let scenario = &props.scenario;
    let field = |f: Field| field_view(f, scenario, props.edit_error.as_ref(), &props.on_action);
    let strategy = Field {
        key: "strategy",
        label: "strategy",
        input: Input::Choice(&[]),
    };
    let noop = Callback::from(|e: SubmitEvent| e.prevent_default());
    // On a phone the stage matters first: the panel starts folded there (and
    // then stays as the visitor leaves it, whatever the width does).
    let narrow = use_media_query("(max-width: 640px)");
    let open = use_state(|| !narrow);
    let summary = {
        let mut parts = vec![scenario.strategy.title().to_owned()];
        if scenario.strategy.reads_workers() {
            parts.push(format!("{} workers", scenario.params.workers));
        }
        parts.push(format!(
            "{} tasks",
            crate::fmt::count(u64::from(scenario.workload.tasks))
        ));
        parts.push(format!("{} cores", scenario.machine.cores));
        parts.join(" · ")
    };
    html! {
        <details class="panel params" open={*open}>
        <summary>
            <h2>{ "Scenario" }</h2>
            <span class="summary-line" data-testid="scenario-summary">{ summary }</span>
        </summary>
        <form data-testid="params" onsubmit={noop} aria-label="scenario">
            { field(strategy) }
            <fieldset>
                <legend>{ "Program" }</legend>
                { for params::strategy_fields(scenario.strategy).into_iter().map(field) }
            </fieldset>
            <fieldset>
                <legend>{ "Workload" }</legend>
                { for params::workload_fields(scenario).into_iter().map(field) }
            </fieldset>
            <fieldset>
                <legend>{ "Machine" }</legend>
                { for params::machine_fields().into_iter().map(field) }
            </fieldset>
            <fieldset class="compare-set">
                <legend>{ "Compare side by side" }</legend>
                <p class="muted">{ "Tick 2 to 4 strategies to run this workload under each." }</p>
                { for Strategy::ALL.iter().map(|&s| {
                    let on = if props.compare.is_empty() { s == scenario.strategy } else { props.compare.contains(&s) };
                    let onchange = props.on_action.reform(move |_: Event| Action::ToggleCompare(s));
                    html! {
                        <label class="check">
                            <input type="checkbox" checked={on} {onchange} data-testid={format!("compare-{}", s.key())} />
                            { s.title() }
                        </label>
                    }
                }) }
            </fieldset>
        </form>
        </details>
    }
}

fn field_view(
    f: Field,
    scenario: &Scenario,
    error: Option<&FieldError>,
    on_action: &Callback<Action>,
) -> Html {
    let key = f.key;
    let id = format!("param-{key}");
    let value = params::value(scenario, key);
    let edit = |text: String| Action::Edit {
        key: key.to_owned(),
        text,
    };
    let on_text = on_action.reform(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        edit(input.value())
    });
    let input = match f.input {
        Input::Number { min, max } => html! {
            <input id={id.clone()} type="number" inputmode="numeric" min={min.to_string()} max={max.to_string()}
                value={value.clone()} onchange={on_text} data-testid={id.clone()} />
        },
        Input::Text => html! {
            <input id={id.clone()} type="text" spellcheck="false" value={value.clone()} onchange={on_text} data-testid={id.clone()} />
        },
        Input::Choice(choices) => {
            let owned: Vec<(&str, &str)> = if key == "strategy" {
                params::strategy_choices()
            } else {
                choices.to_vec()
            };
            let onchange = on_action.reform(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                edit(select.value())
            });
            html! {
                <select id={id.clone()} {onchange} data-testid={id.clone()}>
                    { for owned.into_iter().map(|(word, label)| html! {
                        <option value={word} selected={word == value}>{ label }</option>
                    }) }
                </select>
            }
        }
        Input::Toggle => {
            let onchange = on_action.reform(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                edit(input.checked().to_string())
            });
            html! {
                <input id={id.clone()} type="checkbox" checked={value == "true"} {onchange} data-testid={id.clone()} />
            }
        }
    };
    let refused = error.filter(|e| e.field == key);
    html! {
        <div class={classes!("field", refused.is_some().then_some("invalid"))} key={key}>
            <label for={id.clone()} title={params::meaning(key)}>{ f.label }</label>
            { input }
            if let Some(e) = refused {
                <p class="field-error" role="alert" data-testid="param-error">
                    { format!("{} is not allowed: {}", e.given, e.allowed) }
                </p>
            }
        </div>
    }
}
