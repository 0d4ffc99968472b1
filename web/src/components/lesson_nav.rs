//! Previous and next lesson, and the way back to the index, above a lesson: a view function, stateless, since a component of its own would cost more wasm than it saves.

use yew::prelude::*;

use crate::lessons::route;

pub fn lesson_nav(slug: &str) -> Html {
    let (prev, next) = route::neighbours(slug);
    let all = gobalance_lessons::all();
    let number = all.iter().position(|l| l.slug == slug).map_or(0, |i| i + 1);
    html! {
        <nav class="lesson-nav" aria-label="Lessons">
            if let Some(prev) = prev {
                <a class="lesson-prev" data-testid="lesson-prev" rel="prev"
                    href={route::lesson_start(prev)}>
                    <span aria-hidden="true">{ "← " }</span>
                    <span class="sr-only">{ "Previous lesson: " }</span>{ prev.title }
                </a>
            } else {
                <span />
            }
            <a class="lesson-all" href={route::index_href()} data-testid="lesson-index-link">
                { format!("All lessons · {number} of {}", all.len()) }
            </a>
            if let Some(next) = next {
                <a class="lesson-next" data-testid="lesson-next" rel="next"
                    href={route::lesson_start(next)}>
                    <span class="sr-only">{ "Next lesson: " }</span>{ next.title }
                    <span aria-hidden="true">{ " →" }</span>
                </a>
            } else {
                <span />
            }
        </nav>
    }
}
