//! The page's components, one a file; the only code that touches the DOM.

mod app;
mod code_line;
mod code_view;
mod compare_view;
mod controls;
mod error_banner;
mod event_log;
mod help_overlay;
mod job_panel;
mod lane;
mod metrics_panel;
mod params_panel;
mod run_status;
mod share_button;
mod stage;
mod sweep_panel;
mod task_chips;
mod threads_panel;
mod timeline;

pub use app::App;
pub use code_view::CodeView;
pub use compare_view::CompareView;
pub use controls::Controls;
pub use error_banner::ErrorBanner;
pub use event_log::{Entry, EventLog};
pub use help_overlay::HelpOverlay;
pub use job_panel::JobPanel;
pub use lane::Lane;
pub use metrics_panel::MetricsPanel;
pub use params_panel::ParamsPanel;
pub use run_status::RunStatus;
pub use share_button::ShareButton;
pub use stage::Stage;
pub use sweep_panel::SweepPanel;
pub use threads_panel::ThreadsPanel;
pub use timeline::Timeline;
