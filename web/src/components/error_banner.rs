//! The banner a bad link opens: every field it got wrong, what was given and what is allowed, while the page runs what it kept.

use gobalance_core::scenario::FieldError;
use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    pub errors: Vec<FieldError>,
    pub on_action: Callback<Action>,
}

#[function_component(ErrorBanner)]
pub fn error_banner(props: &ErrorBannerProps) -> Html {
    let dismiss = props
        .on_action
        .reform(|_: MouseEvent| Action::DismissBanner);
    let count = props.errors.len();
    html! {
        <div class="error-banner" role="alert" data-testid="error-banner">
            <p>
                <strong>{ if count == 1 { "This link has a problem".to_owned() } else { format!("This link has {count} problems") } }</strong>
                { "; the page shows the scenario without them (defaults in their place)." }
            </p>
            <ul>
                { for props.errors.iter().map(|e| html! {
                    <li data-testid="link-error" data-field={e.field.clone()}>
                        <code>{ e.field.clone() }</code>{ ": got " }<code>{ e.given.clone() }</code>
                        { "; allowed: " }{ e.allowed.clone() }
                    </li>
                }) }
            </ul>
            <button class="dismiss" onclick={dismiss} aria-label="dismiss the link's problems">{ "Dismiss" }</button>
        </div>
    }
}
