//! The lesson index: every lesson in order, with its summary and what the learner has done in it.

use yew::prelude::*;

use crate::components::lesson_notice;
use crate::lessons::progress::ProgressAction;
use crate::lessons::{route, use_progress};

#[derive(Properties, PartialEq)]
pub struct LessonIndexProps {
    /// The playground's address with the scenario that was on show, so the
    /// way back finds it unchanged.
    pub playground_href: AttrValue,
}

#[function_component(LessonIndex)]
pub fn lesson_index(props: &LessonIndexProps) -> Html {
    let progress = use_progress();
    let on_dismiss = {
        let dispatcher = progress.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(ProgressAction::DismissNotice))
    };
    let lessons = gobalance_lessons::all();
    html! {
        <section class="lesson-index" data-testid="lesson-index" aria-labelledby="lesson-index-title">
            <div class="lesson-index-head">
                <h2 id="lesson-index-title">{ "Lessons" }</h2>
                <p class="muted">
                    { format!("{} lessons, in order: each explains one idea, asks a question before you run it, \
                       and sets one or two goals to reach in the playground.", lessons.len()) }
                </p>
                <a class="back-link" href={props.playground_href.clone()} data-testid="playground-link">{ "← Back to the playground" }</a>
            </div>
            { lesson_notice(progress.notice.as_deref(), &on_dismiss) }
            <ol class="lesson-list">
                { for lessons.iter().enumerate().map(|(i, lesson)| {
                    let mark = progress.progress.mark(lesson);
                    html! {
                        <li>
                            <a class="lesson-link" data-testid="lesson-link" data-slug={lesson.slug}
                                href={route::lesson_start(lesson)}>
                                <span class="lesson-number" aria-hidden="true">{ i + 1 }</span>
                                <span class="lesson-link-text">
                                    <span class="lesson-link-title">{ lesson.title }</span>
                                    <span class="lesson-link-summary">{ lesson.summary }</span>
                                </span>
                                <span class={classes!("lesson-mark", mark.word())} data-testid="lesson-mark"
                                    data-state={mark.word()}>{ mark.text() }</span>
                            </a>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
