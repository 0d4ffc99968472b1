//! A lesson: its text, the box where the source goes wrong, the question, the exercises checked live against the run, above the playground on the lesson's scenario.

use std::rc::Rc;

use gobalance_core::link;
use gobalance_core::Scenario;
use gobalance_lessons::{Bound, GoalCheck};
use yew::prelude::*;

use crate::components::{
    lesson_correction, lesson_nav, lesson_notice, LessonExercise, LessonQuestion, Showing,
};
use crate::hooks::{use_focusable_code, use_start_at_top};
use crate::lessons::progress::ProgressAction;
use crate::lessons::{use_progress, use_record_met, LessonRef};
use crate::state::{Action, RunState};

#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    /// The lesson route's slug, as the address wrote it (it may name no lesson).
    pub slug: AttrValue,
    /// The scenario on show, to tell which of a correction's links is loaded.
    pub scenario: Rc<Scenario>,
    /// The playground's run, whose metrics the exercises are checked against.
    pub run: RunState,
    /// The compare column on show (0 for a single run).
    pub focus: usize,
    /// Whether the learner's own program runs in place of the strategy's and ran to its end.
    pub program_ran: bool,
    pub on_action: Callback<Action>,
}

#[function_component(LessonPage)]
pub fn lesson_page(props: &LessonPageProps) -> Html {
    let progress = use_progress();
    let lesson = gobalance_lessons::by_slug(&props.slug).map(LessonRef);
    let html = crate::lessons::rendered::of(&props.slug);

    // Each exercise against the run in the column on show.
    let run = props
        .run
        .session()
        .and_then(|s| s.runs.get(props.focus.min(s.runs.len().saturating_sub(1))));
    let checks: Vec<Option<Vec<GoalCheck>>> = match lesson {
        Some(lesson) => lesson
            .exercises
            .iter()
            .map(|e| {
                run.map(|r| {
                    let mut checks = e.goal.check(&r.scenario, &r.metrics);
                    // A program to fix is fixed in the editor, not by another scenario.
                    if e.program.is_some() {
                        checks.insert(0, own_program_check(props.program_ran));
                    }
                    checks
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let met: Vec<bool> = checks
        .iter()
        .map(|c| c.as_ref().is_some_and(|c| c.iter().all(|check| check.met)))
        .collect();
    use_record_met(&progress, props.slug.clone(), met);

    let article = use_node_ref();
    // A new lesson starts at its top, with the focus there.
    use_start_at_top(&article, props.slug.clone());
    // Code blocks scroll sideways on narrow screens (the HTML comes from `markdown` as it is).
    use_focusable_code(&article, html.map(|h| (h.text, h.correction)));

    let on_dismiss = {
        let dispatcher = progress.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(ProgressAction::DismissNotice))
    };
    let notice = lesson_notice(progress.notice.as_deref(), &on_dismiss);

    let (Some(lesson), Some(html)) = (lesson, html) else {
        return html! {
            <article class="lesson missing" data-testid="lesson" data-state="missing" ref={article} tabindex="-1">
                { notice }
                <h2>{ "No such lesson" }</h2>
                <p>{ format!("There is no lesson named “{}”. The playground below runs the link as given.", props.slug) }</p>
                <p><a href={crate::lessons::route::index_href()} data-testid="lesson-index-link">{ "See all lessons" }</a></p>
            </article>
        };
    };

    let on_answer = {
        let dispatcher = progress.dispatcher();
        let slug = lesson.slug.to_owned();
        Callback::from(move |choice: usize| {
            dispatcher.dispatch(ProgressAction::Answered {
                slug: slug.clone(),
                choice,
            });
        })
    };
    let showing = lesson.correction.as_ref().map_or(Showing::Neither, |c| {
        let on_show =
            |link_text: &str| link::parse(link_text).is_ok_and(|l| l.scenario == *props.scenario);
        if on_show(c.seed_link) {
            Showing::Source
        } else if on_show(c.fixed_link) {
            Showing::Fix
        } else {
            Showing::Neither
        }
    });
    let waiting = AttrValue::from(match &props.run {
        RunState::Failed(_)
        | RunState::Refused(_)
        | RunState::Cancelled
        | RunState::DoesNotCompile => "No finished run to check: run the playground below.",
        _ => "Simulating: the check follows the run.",
    });

    html! {
        <article class="lesson" data-testid="lesson" data-slug={lesson.slug} data-state="ready"
            ref={article} tabindex="-1" aria-labelledby="lesson-title">
            { lesson_nav(&props.slug) }
            { notice }
            <h2 class="lesson-title" id="lesson-title" data-testid="lesson-title">{ lesson.title }</h2>
            // The question comes first, before the text that explains its answer;
            // wide screens put it beside the text's top (lessons.css).
            <div class="lesson-body">
                <div class="lesson-ask">
                    <LessonQuestion key={lesson.slug} {lesson} answered={progress.progress.choice(lesson.slug)} {on_answer} />
                </div>
                <div class="lesson-text" data-testid="lesson-text">
                    { Html::from_html_unchecked(AttrValue::Static(html.text)) }
                </div>
                <div class="lesson-side">
                    if let Some(body_html) = html.correction {
                        { lesson_correction(lesson, body_html, showing) }
                    }
                    { for checks.into_iter().enumerate().map(|(index, checks)| html! {
                        <LessonExercise key={format!("{}-{index}", lesson.slug)} {lesson} {index} {checks}
                            on_action={props.on_action.clone()}
                            met_before={progress.progress.exercise_met(lesson.slug, index)}
                            waiting={waiting.clone()} />
                    }) }
                </div>
            </div>
            <p class="lesson-playground-hint muted" id="lesson-playground">
                { "The playground below is on this lesson's scenario, with its Go program and a cursor for each goroutine. \
                   Change it in the Scenario panel; the links in the text load theirs." }
            </p>
        </article>
    }
}

/// Whether the run on show is the learner's program, run to its end, as a
/// program to fix asks (a program that panics or deadlocks leaks nothing
/// by the metrics' count, but fixes nothing).
fn own_program_check(program_ran: bool) -> GoalCheck {
    GoalCheck {
        bound: Bound::OwnProgram,
        met: program_ran,
        message: if program_ran {
            "your program ran to its end".into()
        } else {
            "your program runs to its end: open it in the editor and fix it".into()
        },
    }
}
