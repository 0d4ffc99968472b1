//! The keyboard help: every shortcut, opened with `?` and closed with Esc, the button, or a click outside.

use yew::prelude::*;

use crate::keys::HELP;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct HelpOverlayProps {
    pub on_action: Callback<Action>,
}

#[function_component(HelpOverlay)]
pub fn help_overlay(props: &HelpOverlayProps) -> Html {
    let close = props.on_action.reform(|_: MouseEvent| Action::CloseHelp);
    let close_button = use_node_ref();
    {
        // Focus moves into the dialog so Esc and Tab work from there.
        let close_button = close_button.clone();
        use_effect_with((), move |()| {
            if let Some(button) = close_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let keep = Callback::from(|event: MouseEvent| event.stop_propagation());
    html! {
        <div class="overlay" onclick={close.clone()}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help" onclick={keep}>
                <h2 id="help-title">{ "Keyboard" }</h2>
                <dl class="keys">
                    { for HELP.iter().map(|(keys, what)| html! {
                        <>
                            <dt><kbd>{ *keys }</kbd></dt>
                            <dd>{ *what }</dd>
                        </>
                    }) }
                </dl>
                <p class="muted">{ "Click a lane, a cursor in the code, or a row label of the timeline to follow that goroutine. Click or drag on the timeline to seek." }</p>
                <button ref={close_button} onclick={close} data-testid="help-close">{ "Close" }</button>
            </div>
        </div>
    }
}
