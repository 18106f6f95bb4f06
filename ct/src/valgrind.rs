//! Valgrind client requests: the harness's only `unsafe`.
//!
//! A program talks to the valgrind tool running it through a "client
//! request": a block of six words (the request code and five arguments)
//! whose address is in `rax`, then a magic sequence of instructions that
//! does nothing on a real CPU and that valgrind's instruction decoder
//! recognises; the answer comes back in `rdx` (the caller's default when
//! not under valgrind). The sequence and the request codes below are those
//! of valgrind's own headers, as installed by Debian's `valgrind` package
//! 3.19.0:
//!
//! - `/usr/include/valgrind/valgrind.h`, the amd64 branch of
//!   `__SPECIAL_INSTRUCTION_PREAMBLE` (`rolq $3, %rdi; rolq $13, %rdi;
//!   rolq $61, %rdi; rolq $51, %rdi`) and `VALGRIND_DO_CLIENT_REQUEST_EXPR`
//!   (`xchgq %rbx,%rbx`, block address in `rax`, result in `rdx`);
//!   `VG_USERREQ_TOOL_BASE(a,b)` is `(a & 0xff) << 24 | (b & 0xff) << 16`,
//!   and `VG_USERREQ__RUNNING_ON_VALGRIND` is `0x1001`.
//! - `/usr/include/valgrind/memcheck.h`, `Vg_MemCheckClientRequest`:
//!   `VG_USERREQ__MAKE_MEM_NOACCESS = VG_USERREQ_TOOL_BASE('M','C')`
//!   (0x4d430000), then `VG_USERREQ__MAKE_MEM_UNDEFINED` (0x4d430001) and
//!   `VG_USERREQ__MAKE_MEM_DEFINED` (0x4d430002), an ABI the header says
//!   never changes order; `VG_USERREQ__GET_VBITS` follows six entries
//!   later (0x4d430008).
//!
//! Why inline `asm!` and not a C shim compiled with gcc: the sequence is
//! six instructions, Rust has had stable `asm!` since 1.59, and a shim
//! would add a C compiler, a build script and a link step to a harness
//! that otherwise builds with `cargo` alone. The cost is that the harness
//! is x86_64 only; another target would add its own sequence from
//! `valgrind.h` here.
//!
//! Outside valgrind every request is a no-op that returns its default.
//! That is also the failure this check must never mistake for a pass, so
//! the negative controls (`controls.rs`) must be flagged on every run.

#[cfg(not(target_arch = "x86_64"))]
compile_error!("the valgrind client requests are written for x86_64 only (see valgrind.rs)");

/// `VG_USERREQ__RUNNING_ON_VALGRIND` (valgrind.h).
const RUNNING_ON_VALGRIND: usize = 0x1001;
/// `VG_USERREQ__MAKE_MEM_UNDEFINED` (memcheck.h): `VG_USERREQ_TOOL_BASE('M','C') + 1`.
const MAKE_MEM_UNDEFINED: usize = 0x4d43_0001;
/// `VG_USERREQ__MAKE_MEM_DEFINED` (memcheck.h): `VG_USERREQ_TOOL_BASE('M','C') + 2`.
const MAKE_MEM_DEFINED: usize = 0x4d43_0002;
/// `VG_USERREQ__GET_VBITS` (memcheck.h): `VG_USERREQ_TOOL_BASE('M','C') + 8`.
const GET_VBITS: usize = 0x4d43_0008;
/// `VG_USERREQ__SET_VBITS` (memcheck.h), the entry after `GET_VBITS`.
const SET_VBITS: usize = 0x4d43_0009;
/// `VG_USERREQ__CHANGE_ERR_DISABLEMENT` (valgrind.h), the request behind
/// `VALGRIND_DISABLE_ERROR_REPORTING` (argument 1) and
/// `VALGRIND_ENABLE_ERROR_REPORTING` (argument −1).
const CHANGE_ERR_DISABLEMENT: usize = 0x1801;

/// One client request with three arguments; `default` when not under
/// valgrind.
#[inline(never)]
fn client_request(default: usize, request: usize, args: [usize; 3]) -> usize {
    let [arg1, arg2, arg3] = args;
    let block: [usize; 6] = [request, arg1, arg2, arg3, 0, 0];
    let result: usize;
    // SAFETY: on a real CPU the four rotations of rdi add up to 128 bits, a
    // whole number of turns, and `xchg rbx, rbx` swaps a register with
    // itself: the sequence changes only the flags (not declared preserved)
    // and rdi, declared clobbered, and reads no memory. Under valgrind it
    // is the client request: valgrind reads the six words at rax (`block`,
    // alive and initialised on this stack frame until the asm returns) and
    // writes its answer to rdx. MAKE_MEM_UNDEFINED and MAKE_MEM_DEFINED
    // change valgrind's shadow state of the caller's memory, never its
    // contents; GET_VBITS writes into the caller's `vbits` buffer, which it
    // passes as `&mut`, after checking that both ranges are addressable.
    // Passing the block's address (and, in it, the caller's buffers')
    // makes the compiler treat them as read and written by the asm, so
    // nothing is kept in a register across it.
    unsafe {
        core::arch::asm!(
            "rol rdi, 3",
            "rol rdi, 13",
            "rol rdi, 61",
            "rol rdi, 51",
            "xchg rbx, rbx",
            in("rax") block.as_ptr(),
            inout("rdx") default => result,
            out("rdi") _,
            options(nostack),
        );
    }
    result
}

/// Whether the harness runs under valgrind (0 on a real CPU, else the
/// nesting depth of valgrinds).
pub fn running_on_valgrind() -> bool {
    client_request(0, RUNNING_ON_VALGRIND, [0; 3]) != 0
}

/// Marks the bytes of `value` as undefined for memcheck: from here on,
/// they are the secret, and memcheck reports every branch and every memory
/// address computed from them. The contents are unchanged.
pub fn make_mem_undefined<T: ?Sized>(value: &mut T) {
    let address = value as *mut T as *mut u8 as usize;
    let len = core::mem::size_of_val(value);
    client_request(0, MAKE_MEM_UNDEFINED, [address, len, 0]);
}

/// Marks the bytes of `value` as defined again: declassification, for
/// outputs that are public by design (a signature, a public key, a
/// comparison's result), before the harness compares or prints them. The
/// contents are unchanged. It takes `&mut` so that the compiler reloads
/// the value from memory afterwards instead of using a register copy that
/// memcheck still sees as undefined.
pub fn make_mem_defined<T: ?Sized>(value: &mut T) {
    let address = value as *mut T as *mut u8 as usize;
    let len = core::mem::size_of_val(value);
    client_request(0, MAKE_MEM_DEFINED, [address, len, 0]);
}

/// How many bytes of `value` memcheck holds at least partly undefined
/// (derived from a secret); `None` when not under valgrind.
pub fn undefined_bytes<T: ?Sized>(value: &T) -> Option<usize> {
    let len = core::mem::size_of_val(value);
    let mut vbits = vec![0u8; len];
    let address = value as *const T as *const u8 as usize;
    let answer = client_request(0, GET_VBITS, [address, vbits.as_mut_ptr() as usize, len]);
    match answer {
        0 => None,
        1 => Some(vbits.iter().filter(|&&v| v != 0).count()),
        other => panic!("GET_VBITS answered {other} (3: not addressable)"),
    }
}

/// `value`, marked undefined: a secret input.
pub fn secret<T>(mut value: T) -> T {
    make_mem_undefined(&mut value);
    value
}

/// `value`, marked defined: a public output that does not depend on the
/// secret (decided by a public length, say). Prefer [`declassify`].
pub fn public<T>(mut value: T) -> T {
    make_mem_defined(&mut value);
    value
}

/// `value`, a public output computed from the secret, marked defined. Under
/// valgrind it first checks that every byte of `value` is still (at least
/// partly) undefined, that is, that the secret did reach this output: a
/// case whose secret was lost on the way (copied before it was marked,
/// folded away by the optimiser) would otherwise check nothing and pass.
#[track_caller]
pub fn declassify<T>(mut value: T) -> T {
    if let Some(undefined) = undefined_bytes(&value) {
        let len = core::mem::size_of_val(&value);
        assert!(
            undefined == len,
            "only {undefined} of the {len} bytes of this output depend on the secret: \
             the secret did not reach it, so the case checks less than it says"
        );
    }
    make_mem_defined(&mut value);
    value
}

/// [`declassify`] for the contents of a buffer (a `Vec`'s, which
/// `declassify` of the `Vec` itself would miss: it would check and mark
/// its pointer and length).
#[track_caller]
pub fn declassify_bytes(bytes: &mut [u8]) {
    if let Some(undefined) = undefined_bytes(bytes) {
        assert!(
            undefined == bytes.len(),
            "only {undefined} of the {} bytes of this output depend on the secret: \
             the secret did not reach it, so the case checks less than it says",
            bytes.len()
        );
    }
    make_mem_defined(bytes);
}

/// The contents of `bytes`, a public output computed from the secret,
/// marked defined: [`declassify`] for a `Vec`, whose own bytes (pointer,
/// capacity, length) are not the output. Under valgrind it first checks
/// that every octet is still (at least partly) undefined, as `declassify`
/// does.
#[track_caller]
pub fn declassify_vec(mut bytes: Vec<u8>) -> Vec<u8> {
    if let Some(undefined) = undefined_bytes(bytes.as_slice()) {
        let len = bytes.len();
        assert!(
            undefined == len,
            "only {undefined} of the {len} octets of this output depend on the secret: \
             the secret did not reach them, so the case checks less than it says"
        );
    }
    make_mem_defined(bytes.as_mut_slice());
    bytes
}

/// Sets memcheck's definedness bits of `value` to `vbits` (one octet per
/// octet of `value`; a bit set to 1 is undefined, 0 defined), for a
/// secret of which some bits are public by design (a component's bit
/// length); the contents are unchanged. Nothing when not under valgrind.
pub fn set_vbits(value: &mut [u8], vbits: &[u8]) {
    assert_eq!(value.len(), vbits.len(), "one definedness octet per octet");
    let address = value.as_mut_ptr() as usize;
    let answer = client_request(
        0,
        SET_VBITS,
        [address, vbits.as_ptr() as usize, value.len()],
    );
    assert!(
        answer <= 1,
        "SET_VBITS answered {answer} (3: not addressable)"
    );
}

/// Stops memcheck's reports in this thread until
/// [`enable_error_reporting`]: only for a case's checks of its outputs
/// after the secret code has returned, when those checks run library code
/// on values memcheck cannot know are public (a generated key's modulus).
pub fn disable_error_reporting() {
    client_request(0, CHANGE_ERR_DISABLEMENT, [1, 0, 0]);
}

/// Undoes [`disable_error_reporting`].
pub fn enable_error_reporting() {
    client_request(0, CHANGE_ERR_DISABLEMENT, [usize::MAX, 0, 0]);
}
