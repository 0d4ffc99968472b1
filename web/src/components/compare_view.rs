//! Compare mode: one stage per strategy on the same workload, side by side, all at the shared playhead.

use gobalance_core::view::ViewState;
use gobalance_core::Event;
use yew::prelude::*;

use crate::components::stage::Stage;
use crate::fmt;
use crate::session::Session;
use crate::state::{Action, Shared};

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    pub session: Shared<Session>,
    /// Each column's state at the playhead.
    pub views: Vec<Shared<ViewState>>,
    /// The step just applied: (column, event).
    pub last: Option<(usize, Event)>,
    pub selected: Option<u32>,
    pub focus: usize,
    #[prop_or_default]
    pub fast: bool,
    pub on_action: Callback<Action>,
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareViewProps) -> Html {
    // Selecting a goroutine in a column also makes that column the one the
    // timeline and code follow. Made once, so lanes keep equal props.
    let stage_actions = use_memo(
        (props.on_action.clone(), props.views.len()),
        |(on_action, columns)| {
            (0..*columns)
                .map(|i| {
                    let on_action = on_action.clone();
                    Callback::from(move |action: Action| {
                        if matches!(action, Action::ToggleSelect(_)) {
                            on_action.emit(Action::Focus(i));
                        }
                        on_action.emit(action);
                    })
                })
                .collect::<Vec<Callback<Action>>>()
        },
    );
    let columns = props.session.runs.iter().zip(&props.views).enumerate().map(|(i, (run, view))| {
        let m = &run.metrics;
        let focus = props.on_action.reform(move |_: MouseEvent| Action::Focus(i));
        let on_stage_action = stage_actions[i].clone();
        let title = run.scenario.strategy.title();
        html! {
            <div class={classes!("column", (i == props.focus).then_some("focused"))} data-testid="compare-column">
                <button class="column-head" onclick={focus} aria-pressed={(i == props.focus).to_string()}
                    title="follow this strategy in the timeline and code">
                    <span class="column-title">{ title }</span>
                    <span class="column-metric">
                        { format!("makespan {} · efficiency {}", fmt::duration(m.makespan), fmt::percent(m.efficiency())) }
                    </span>
                </button>
                <Stage
                    view={view.clone()}
                    last={props.last.filter(|(c, _)| *c == i).map(|(_, e)| e)}
                    selected={(i == props.focus).then_some(props.selected).flatten()}
                    compact=true
                    fast={props.fast}
                    label={AttrValue::from(format!("Stage: {title}"))}
                    on_action={on_stage_action}
                />
            </div>
        }
    });
    html! {
        // A class per count, not a `style` attribute: the page's CSP allows no inline styles.
        <div class={classes!("compare", columns_class(props.views.len()))} data-testid="compare">
            { for columns }
        </div>
    }
}

/// The class that sets the grid's column count (style.css has one for each count compare allows).
fn columns_class(columns: usize) -> &'static str {
    match columns {
        0..=2 => "columns-2",
        3 => "columns-3",
        _ => "columns-4",
    }
}
