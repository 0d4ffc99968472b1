//! The page's effects as Yew hooks: each talks to the browser and reports to the reducer with actions.
