//! The command line tool's own modules (not part of the library): argument
//! parsing, key sources, token input, help texts, dates in human form, the
//! demo.

pub mod args;
pub mod claim_times;
pub mod demo;
pub mod help;
pub mod hints;
pub mod input;
pub mod keys;
pub mod random;
pub mod time;
