//! gobalance-web: the playground's front end, a Yew app over a rayon pool of Web Workers.
//!
//! The DOM lives only in `components`, and effects only in hooks (`hooks`,
//! and the lessons' own in `lessons`) and `boot`. Everything else is pure
//! and tested natively: `state` (the reducer), `url` (link ↔ state),
//! `session` and `sim` (running and stepping simulations), `gantt`,
//! `counters`, `layout`, `labels`, `narrate` (with the event log and the
//! live region's sentence), `params`, `keys` and `fmt`. `pool` is the one way to run work
//! on real threads. `lessons` holds the lesson pages' logic (routes, saved
//! progress, Markdown) and their hooks.

pub mod boot;
pub mod components;
pub mod counters;
pub mod fmt;
pub mod gantt;
pub mod go_syntax;
pub mod hooks;
pub mod job;
pub mod keys;
pub mod labels;
pub mod layout;
pub mod lessons;
pub mod narrate;
pub mod params;
pub mod pool;
pub mod program;
pub mod program_worker;
pub mod session;
pub mod sim;
pub mod state;
pub mod url;

/// Mounts the app on the page's `<body>`. Called once, by the binary.
pub fn start() {
    yew::Renderer::<components::App>::new().render();
}
