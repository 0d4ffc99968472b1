//! The notice that saved lesson progress was damaged, old or cannot be saved, with a button to dismiss it.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonNoticeProps {
    pub notice: Option<AttrValue>,
    pub on_dismiss: Callback<()>,
}

#[function_component(LessonNotice)]
pub fn lesson_notice(props: &LessonNoticeProps) -> Html {
    let Some(notice) = &props.notice else {
        return html! {};
    };
    html! {
        <div class="progress-notice" data-testid="progress-notice" role="status">
            <p>{ notice.clone() }</p>
            <button type="button" data-testid="progress-notice-dismiss"
                onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ "Dismiss" }</button>
        </div>
    }
}
