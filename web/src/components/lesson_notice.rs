//! The notice that saved lesson progress was damaged, old or cannot be saved, with a button to dismiss it: a view function, stateless.

use yew::prelude::*;

pub fn lesson_notice(notice: Option<&str>, on_dismiss: &Callback<()>) -> Html {
    let Some(notice) = notice else {
        return html! {};
    };
    html! {
        <div class="progress-notice" data-testid="progress-notice" role="status">
            <p>{ notice }</p>
            <button type="button" data-testid="progress-notice-dismiss"
                onclick={on_dismiss.reform(|_: MouseEvent| ())}>{ "Dismiss" }</button>
        </div>
    }
}
