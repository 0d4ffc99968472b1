//! The keyboard map: which key does what, shared by the key handler and the help overlay.

use crate::state::{Action, JumpTo};

/// Every shortcut, as the help overlay lists it: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("Space", "play or pause"),
    ("→ / ←", "step forward / back one event"),
    ("Home / End", "go to the first / last event"),
    ("+ / −", "faster / slower"),
    ("1 2 3 4", "speed ×¼, ×1, ×4, ×16"),
    ("s", "jump to the next steal"),
    ("b", "jump to the next block"),
    ("l", "jump to the next leak"),
    ("?", "show or hide this help"),
    ("Esc", "close this help"),
];

/// The action of a key (`KeyboardEvent.key`), if it has one.
pub fn action_for(key: &str) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" => Action::TogglePlay,
        "ArrowRight" => Action::StepForward,
        "ArrowLeft" => Action::StepBack,
        "Home" => Action::Home,
        "End" => Action::End,
        "+" | "=" => Action::Faster,
        "-" | "_" => Action::Slower,
        "1" => Action::SetSpeed(1),
        "2" => Action::SetSpeed(2),
        "3" => Action::SetSpeed(3),
        "4" => Action::SetSpeed(4),
        "s" | "S" => Action::Jump(JumpTo::Steal),
        "b" | "B" => Action::Jump(JumpTo::Block),
        "l" | "L" => Action::Jump(JumpTo::Leak),
        "?" => Action::ToggleHelp,
        "Escape" => Action::CloseHelp,
        _ => return None,
    })
}

/// Whether the browser would otherwise act on the key too (scroll the page).
pub fn prevents_default(key: &str) -> bool {
    matches!(
        key,
        " " | "Spacebar" | "ArrowRight" | "ArrowLeft" | "Home" | "End"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_key_does_something() {
        for key in [
            " ",
            "ArrowRight",
            "ArrowLeft",
            "Home",
            "End",
            "+",
            "-",
            "1",
            "4",
            "s",
            "b",
            "l",
            "?",
            "Escape",
        ] {
            assert!(action_for(key).is_some(), "{key:?}");
        }
        assert_eq!(action_for(" "), Some(Action::TogglePlay));
        assert_eq!(action_for("3"), Some(Action::SetSpeed(3)));
        assert_eq!(action_for("x"), None);
        assert!(prevents_default(" ") && !prevents_default("?"));
    }
}
