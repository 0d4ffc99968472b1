//! The share button: copies the canonical link of the page as it is (scenario, playhead, selection, compare) and shows it.

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    /// The full link, kept current by the page.
    pub link: AttrValue,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

#[function_component(ShareButton)]
pub fn share_button(props: &ShareButtonProps) -> Html {
    let copied = use_state(|| Copied::Not);
    let shown = use_state(|| false);
    let onclick = {
        let copied = copied.clone();
        let shown = shown.clone();
        let link = props.link.clone();
        Callback::from(move |_: MouseEvent| {
            shown.set(true);
            let copied = copied.clone();
            let link = link.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
                let done = match clipboard {
                    Some(clipboard) => JsFuture::from(clipboard.write_text(&link)).await.is_ok(),
                    None => false,
                };
                copied.set(if done { Copied::Yes } else { Copied::Failed });
            });
        })
    };
    let status = match *copied {
        Copied::Not => "",
        Copied::Yes => "Link copied.",
        Copied::Failed => "Copying was not allowed: copy the link from the box.",
    };
    html! {
        <div class="share">
            <button data-testid="share" {onclick} title="copy a link to exactly this view">{ "Share" }</button>
            <span class="share-status" role="status" data-testid="share-status">{ status }</span>
            if *shown {
                <input
                    class="share-link"
                    data-testid="share-link"
                    readonly=true
                    aria-label="link to this view"
                    value={props.link.clone()}
                    onfocus={Callback::from(|e: FocusEvent| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        input.select();
                    })}
                />
            }
        </div>
    }
}
