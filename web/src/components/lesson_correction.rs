//! The box that says where the source text is wrong, with one button for what its code does and one for the fix, so the playground shows the difference: a view function, stateless.

use yew::prelude::*;

use crate::lessons::{navigate, route, LessonRef};

/// Which of the box's two links the playground shows, if either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Showing {
    Neither,
    Source,
    Fix,
}

/// The box of `lesson`, whose text is `body_html` (rendered at build time); `showing` is what the playground has loaded.
pub fn lesson_correction(lesson: LessonRef, body_html: &'static str, showing: Showing) -> Html {
    let Some(correction) = &lesson.correction else {
        return html! {};
    };
    let slug = lesson.slug;
    let button = |testid: &'static str, label: &'static str, link: &'static str, side: Showing| {
        let href = route::lesson_href(slug, link);
        let pressed = showing == side;
        html! {
            <button type="button" data-testid={testid} aria-pressed={pressed.to_string()}
                class={classes!(pressed.then_some("pressed"))}
                onclick={Callback::from(move |_: MouseEvent| navigate(&href))}>{ label }</button>
        }
    };
    let title_id = format!("correction-{slug}");
    html! {
        <aside class="lesson-card correction" data-testid="correction" aria-labelledby={title_id.clone()}>
            <p class="correction-kicker">{ "Where the source goes wrong" }</p>
            <h3 id={title_id}>{ with_code(correction.title) }</h3>
            <div class="correction-body">{ Html::from_html_unchecked(AttrValue::Static(body_html)) }</div>
            <div class="correction-actions" role="group" aria-label="Show it in the playground">
                { button("correction-seed", "Run the source's version", correction.seed_link, Showing::Source) }
                { button("correction-fixed", "Run the fix", correction.fixed_link, Showing::Fix) }
            </div>
        </aside>
    }
}

/// A title whose `backticked` parts are code, as in its Markdown.
fn with_code(title: &str) -> Html {
    title
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part }</code> }
            } else {
                html! { { part } }
            }
        })
        .collect()
}
