//! The page's effects as Yew hooks: each talks to the browser and reports to the reducer with actions.

mod use_address;
mod use_keyboard;
mod use_playback;
mod use_simulation;
mod use_sweep;

pub use use_address::{current_href, current_origin, current_path, use_address};
pub use use_keyboard::use_keyboard;
pub use use_playback::use_playback;
pub use use_simulation::use_simulation;
pub use use_sweep::use_sweep;
