//! The layout's two rules, checked on the sources themselves:
//!
//! - nothing under `src/crypto/` imports the JOSE layer, so the
//!   cryptography can be read, reviewed and lifted out on its own;
//! - `unsafe` appears only in the fenced folder of CPU-specific code,
//!   `src/cpu/`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a line: what stands before a `//` comment.
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

#[test]
fn nothing_under_crypto_imports_the_jose_layer() {
    const JOSE: [&str; 16] = [
        "crate::json",
        "crate::error",
        "crate::Error",
        "crate::ErrorKind",
        "crate::jwk",
        "crate::Jwk",
        "crate::keys",
        "crate::Key",
        "crate::header",
        "crate::claims",
        "crate::numeric_date",
        "crate::token",
        "crate::alg",
        "crate::validate",
        "crate::verify",
        "crate::sign",
    ];
    let files = rust_files(&src().join("crypto"));
    assert!(files.len() >= 5, "{files:?}");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = code(line);
            for name in JOSE {
                assert!(
                    !code.contains(name),
                    "{}:{}: crypto/ imports the JOSE layer ({name}): {line}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn unsafe_appears_only_in_the_cpu_folder() {
    let cpu = src().join("cpu");
    let mut fenced = 0;
    for path in rust_files(&src()) {
        let text = std::fs::read_to_string(&path).unwrap();
        let uses_unsafe = text.lines().any(|line| {
            let code = code(line);
            code.contains("unsafe")
                && !code.contains("deny(unsafe_code)")
                && !code.contains("forbid(unsafe_code)")
        });
        if path.starts_with(&cpu) {
            fenced += usize::from(uses_unsafe);
        } else {
            assert!(!uses_unsafe, "{}: unsafe outside src/cpu/", path.display());
        }
    }
    if cfg!(target_arch = "x86_64") {
        assert!(fenced > 0, "the CPU backends in src/cpu/ were not found");
    }
}
