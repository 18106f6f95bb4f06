//! OBJECT IDENTIFIER values (X.690 §8.19): checked contents octets, compared
//! as bytes, shown in dotted decimal.

use super::DerErrorKind;
use core::fmt;

/// The contents octets of an OBJECT IDENTIFIER, checked to be a valid
/// encoding (X.690 §8.19.2): not empty, every subidentifier minimal (no
/// leading `0x80` octet) and the last one complete. Two identifiers are
/// equal exactly when their contents octets are, so they are compared as
/// bytes against constants such as `2a 86 48 ce 3d 02 01`
/// (1.2.840.10045.2.1, id-ecPublicKey).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Oid<'a>(&'a [u8]);

impl<'a> Oid<'a> {
    /// Checks `content` as the contents octets of an OBJECT IDENTIFIER.
    ///
    /// # Errors
    ///
    /// [`DerErrorKind::InvalidOid`] when `content` is empty, its last octet
    /// has bit 8 set (a subidentifier goes on past the end), or a
    /// subidentifier starts with `0x80` (X.690 §8.19.2: "the leading octet
    /// of the subidentifier shall not have the value 0x80").
    ///
    /// ```
    /// use barejwt::crypto::der::Oid;
    ///
    /// let oid = Oid::new(&[0x2b, 0x65, 0x70]).unwrap();
    /// assert_eq!(oid.to_string(), "1.3.101.112"); // id-Ed25519
    /// assert!(Oid::new(&[0x2b, 0x80, 0x65]).is_err());
    /// ```
    pub fn new(content: &'a [u8]) -> Result<Oid<'a>, DerErrorKind> {
        match content.last() {
            None => return Err(DerErrorKind::InvalidOid),
            Some(last) if last & 0x80 != 0 => return Err(DerErrorKind::InvalidOid),
            Some(_) => {}
        }
        // A subidentifier starts at the beginning and after every octet
        // with bit 8 clear.
        let mut at_start = true;
        for &octet in content {
            if at_start && octet == 0x80 {
                return Err(DerErrorKind::InvalidOid);
            }
            at_start = octet & 0x80 == 0;
        }
        Ok(Oid(content))
    }

    /// The contents octets.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }
}

impl fmt::Display for Oid<'_> {
    /// Dotted decimal (`1.2.840.10045.3.1.7`). The first subidentifier
    /// holds two arcs, `40·X + Y` (X.690 §8.19.4). An arc beyond 128 bits
    /// (valid, but used by no algorithm) is shown as the hex contents
    /// octets instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut arcs = [0u128; 32];
        let mut count = 0usize;
        let mut value: Option<u128> = Some(0);
        for &octet in self.0 {
            value = value
                .and_then(|v| v.checked_mul(128))
                .and_then(|v| v.checked_add(u128::from(octet & 0x7f)));
            if octet & 0x80 == 0 {
                match (value, arcs.get_mut(count)) {
                    (Some(v), Some(slot)) => *slot = v,
                    _ => return write_hex(f, self.0),
                }
                count += 1;
                value = Some(0);
            }
        }
        let mut subidentifiers = arcs.iter().take(count);
        if let Some(&first) = subidentifiers.next() {
            let (x, y) = match first {
                0..=39 => (0, first),
                40..=79 => (1, first - 40),
                _ => (2, first - 80),
            };
            write!(f, "{x}.{y}")?;
        }
        for arc in subidentifiers {
            write!(f, ".{arc}")?;
        }
        Ok(())
    }
}

/// `OID 2a8648...`: the contents octets in hex.
fn write_hex(f: &mut fmt::Formatter<'_>, content: &[u8]) -> fmt::Result {
    f.write_str("OID ")?;
    for octet in content {
        write!(f, "{octet:02x}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn x690_8_19_5_example_and_key_algorithms_print_in_dotted_decimal() {
        // X.690 §8.19.5: {2 999 3} is 0x88 0x37 0x03.
        assert_eq!(
            Oid::new(&[0x88, 0x37, 0x03]).unwrap().to_string(),
            "2.999.3"
        );
        let cases: [(&[u8], &str); 4] = [
            (
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
                "1.2.840.113549.1.1.1",
            ),
            (
                &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
                "1.2.840.10045.3.1.7",
            ),
            (&[0x2b, 0x81, 0x04, 0x00, 0x0a], "1.3.132.0.10"),
            (&[0x06], "0.6"),
        ];
        for (bytes, text) in cases {
            assert_eq!(Oid::new(bytes).unwrap().to_string(), text);
        }
    }

    #[test]
    fn malformed_identifiers_are_refused() {
        for bad in [
            &[][..],
            &[0x2a, 0x86],
            &[0x80, 0x01],
            &[0x2a, 0x80, 0x86, 0x48],
        ] {
            assert_eq!(Oid::new(bad), Err(DerErrorKind::InvalidOid), "{bad:x?}");
        }
    }

    #[test]
    fn an_arc_beyond_128_bits_prints_as_hex() {
        let mut long = alloc::vec![0x2a];
        long.extend(core::iter::repeat(0xff).take(19));
        long.push(0x7f);
        assert!(Oid::new(&long).unwrap().to_string().starts_with("OID 2aff"));
        // 2.25 with a 128-bit UUID arc still prints in decimal.
        let mut uuid = alloc::vec![0x69, 0x83];
        uuid.extend(core::iter::repeat(0xff).take(17));
        uuid.push(0x7f);
        assert_eq!(
            Oid::new(&uuid).unwrap().to_string(),
            alloc::format!("2.25.{}", u128::MAX)
        );
    }
}
