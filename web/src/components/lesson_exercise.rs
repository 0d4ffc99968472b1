//! One exercise: its goal, each bound checked live against the run on show, and a solution on request; a program to fix opens in the editor.

use gobalance_lessons::{GoalCheck, ProgramFix};
use yew::prelude::*;

use crate::components::program_editor::replace_program;
use crate::lessons::{navigate, route, LessonRef};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct LessonExerciseProps {
    pub lesson: LessonRef,
    pub index: usize,
    /// One line per bound against the run on show; `None` while there is no finished run.
    pub checks: Option<Vec<GoalCheck>>,
    /// Whether a run met this goal before (saved progress).
    pub met_before: bool,
    /// Why there are no checks ("simulating…"), when there are none.
    pub waiting: AttrValue,
    /// Opens a program to fix, or its fix, in the editor.
    pub on_action: Callback<Action>,
}

#[function_component(LessonExercise)]
pub fn lesson_exercise(props: &LessonExerciseProps) -> Html {
    let exercise = &props.lesson.exercises[props.index];
    let open = use_state_eq(|| false);
    let met_now = props
        .checks
        .as_ref()
        .map(|checks| checks.iter().all(|c| c.met));
    let state = match met_now {
        Some(true) => "met",
        Some(false) => "not-met",
        None => "waiting",
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let solution_href = route::lesson_href(props.lesson.slug, exercise.solution);
    let load = match exercise.program {
        // The fix runs on the lesson's scenario, in the editor.
        Some(ProgramFix { fixed, .. }) => {
            let on_action = props.on_action.clone();
            Callback::from(move |_: MouseEvent| replace_program(fixed, &on_action))
        }
        None => Callback::from(move |_: MouseEvent| navigate(&solution_href)),
    };
    let solution_id = format!("solution-{}-{}", props.lesson.slug, props.index);
    html! {
        <section class={classes!("lesson-card", "exercise", state)} data-testid="exercise" data-state={state}>
            <h3>
                { format!("Exercise {}", props.index + 1) }
                if met_now == Some(true) {
                    <span class="exercise-badge good">{ "goal met" }</span>
                } else if props.met_before {
                    <span class="exercise-badge" data-testid="exercise-met-before">{ "met before" }</span>
                }
            </h3>
            <p class="exercise-goal">{ exercise.goal_text }</p>
            if let Some(ProgramFix { broken, .. }) = exercise.program {
                <button type="button" data-testid="exercise-open-program"
                    onclick={{
                        let on_action = props.on_action.clone();
                        Callback::from(move |_: MouseEvent| replace_program(broken, &on_action))
                    }}>
                    { "Open the program to fix in the editor" }
                </button>
            }
            <ul class="goal-checks" aria-live="polite" aria-label="The goal against the run on show">
                if let Some(checks) = &props.checks {
                    { for checks.iter().map(|check| html! {
                        <li class={classes!("goal-check", if check.met { "good" } else { "bad" })}
                            data-testid="goal-check" data-met={check.met.to_string()}>
                            <span class="goal-icon" aria-hidden="true">{ if check.met { "✓" } else { "✗" } }</span>
                            <span class="sr-only">{ if check.met { "met: " } else { "not met: " } }</span>
                            { check.message.clone() }
                        </li>
                    }) }
                } else {
                    <li class="goal-check pending">{ props.waiting.clone() }</li>
                }
            </ul>
            <button type="button" data-testid="exercise-solution-toggle" aria-expanded={open.to_string()}
                aria-controls={solution_id.clone()} onclick={toggle}>
                { if *open { "Hide the solution" } else { "Show a solution" } }
            </button>
            if *open {
                <div class="exercise-solution" id={solution_id} data-testid="exercise-solution">
                    if let Some(ProgramFix { fixed, .. }) = exercise.program {
                        <pre class="exercise-fix" tabindex="0"><code>{ fixed }</code></pre>
                        <button type="button" data-testid="exercise-solution-load" onclick={load}>{ "Load this fix into the editor" }</button>
                    } else {
                        <code>{ exercise.solution }</code>
                        <button type="button" data-testid="exercise-solution-load" onclick={load}>{ "Load it into the playground" }</button>
                    }
                </div>
            }
        </section>
    }
}
