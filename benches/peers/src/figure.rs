//! One figure of the table: its implementations (barejwt first, then its
//! peers), each a closure timed as one call, and which `RATIO` lines it
//! prints. Shared by the timing binary and `callgrind-verify`.

/// One implementation of one figure.
pub struct Entry<'a> {
    pub name: &'static str,
    pub run: Box<dyn FnMut() + 'a>,
}

/// A row of the table: barejwt first, then its peers; ratios are taken
/// against every peer, the RATIO lines as `ratios` says.
pub struct Figure<'a> {
    pub id: &'static str,
    pub target: &'static str,
    pub count_allocations: bool,
    pub ratios: Ratios,
    pub entries: Vec<Entry<'a>>,
}

/// Which `RATIO` lines a figure prints.
pub enum Ratios {
    /// `RATIO <figure id> <ratio>` against the first peer listed.
    FirstPeer,
    /// `RATIO <id> <ratio>` for each (peer name, id), in this order.
    Peers(Vec<(&'static str, &'static str)>),
    /// None: the figure is in the table only.
    None,
}

pub fn entry<'a>(name: &'static str, f: impl FnMut() + 'a) -> Entry<'a> {
    Entry {
        name,
        run: Box::new(f),
    }
}
