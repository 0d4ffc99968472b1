//! gobalance-web: the playground's front end, a Yew app over a rayon pool of Web Workers.
//!
//! The DOM lives only in `components`; `state` is a pure reducer tested
//! natively; `boot` is the page's start-up effect; `pool` is the one way to
//! run work on real threads.

pub mod boot;
pub mod components;
pub mod job;
pub mod pool;
pub mod state;

/// Mounts the app on the page's `<body>`. Called once, by the binary.
pub fn start() {
    yew::Renderer::<components::App>::new().render();
}
