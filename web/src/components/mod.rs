//! The page's components, one a file; the only code that touches the DOM.

mod app;
mod job_panel;
mod threads_panel;

pub use app::App;
pub use job_panel::JobPanel;
pub use threads_panel::ThreadsPanel;
