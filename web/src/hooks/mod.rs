//! The page's effects as Yew hooks: each talks to the browser and reports to the reducer with actions, or hands a component what the browser says.

mod use_address;
mod use_boot;
mod use_dialog_focus;
mod use_element_width;
mod use_focusable_code;
mod use_keyboard;
mod use_lane_window;
mod use_media_query;
mod use_performance_mark;
mod use_playback;
mod use_real_run;
mod use_simulation;
mod use_start_at_top;
mod use_sweep;

pub use use_address::{current_href, current_origin, current_path, use_address};
pub use use_boot::use_boot;
pub use use_dialog_focus::use_dialog_focus;
pub use use_element_width::use_element_width;
pub use use_focusable_code::use_focusable_code;
pub use use_keyboard::use_keyboard;
pub use use_lane_window::{use_lane_window, LaneFill};
pub use use_media_query::use_media_query;
pub use use_performance_mark::use_performance_mark;
pub use use_playback::use_playback;
pub use use_real_run::use_real_run;
pub use use_simulation::use_simulation;
pub use use_start_at_top::use_start_at_top;
pub use use_sweep::use_sweep;
