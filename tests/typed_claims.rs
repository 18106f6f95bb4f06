//! Building claims: `From` conversions into `json::Value`, and the
//! `typed_claims!` structs in both directions, with the messages their
//! errors give.

use barejwt::json::{self, NonFiniteFloat, Object, Value};
use barejwt::typed::ClaimsObject;
use barejwt::{
    sign, typed_claims, verify, Algorithm, Claims, ErrorKind, Key, NumericDate, Validation,
};

#[test]
fn the_obvious_types_convert_into_values() {
    assert_eq!(Value::from(3).to_json(), "3");
    assert_eq!(Value::from(-3i8).to_json(), "-3");
    assert_eq!(Value::from(u64::MAX).to_json(), "18446744073709551615");
    assert_eq!(Value::from(i64::MIN).to_json(), "-9223372036854775808");
    assert_eq!(Value::from(7usize).to_json(), "7");
    assert_eq!(Value::from(true).to_json(), "true");
    assert_eq!(Value::from("admin").to_json(), r#""admin""#);
    assert_eq!(Value::from(String::from("a\"b")).to_json(), r#""a\"b""#);
    assert_eq!(Value::from('x').to_json(), r#""x""#);
    assert_eq!(
        Value::from(vec!["read", "write"]).to_json(),
        r#"["read","write"]"#
    );
    assert_eq!(Value::from([1, 2, 3]).to_json(), "[1,2,3]");
    assert_eq!(Value::from(&["a", "b"][..]).to_json(), r#"["a","b"]"#);
    assert_eq!(Value::from(Some(5)).to_json(), "5");
    assert_eq!(Value::from(None::<u32>).to_json(), "null");
    assert_eq!(
        Value::from(NumericDate::from_secs(1_700_000_000)).to_json(),
        "1700000000"
    );
    assert_eq!(
        Value::from(vec![Value::Null, Value::from(1)]).to_json(),
        "[null,1]"
    );
}

#[test]
fn only_finite_floats_become_values() {
    assert_eq!(Value::try_from(0.5).unwrap().to_json(), "0.5");
    assert_eq!(Value::try_from(1e300).unwrap().to_json(), "1e300");
    assert_eq!(Value::try_from(0.25f32).unwrap().to_json(), "0.25");
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(Value::try_from(bad), Err(NonFiniteFloat));
    }
    let err: barejwt::Error = Value::try_from(f64::NAN).unwrap_err().into();
    assert_eq!(err.kind(), ErrorKind::InvalidClaim);
    assert_eq!(
        err.to_string(),
        "invalid_claim: JSON numbers are finite: NaN and the infinities have no JSON text"
    );
}

#[test]
fn object_insert_takes_anything_that_converts() {
    let mut claims = Object::new();
    claims.insert("role", "admin");
    claims.insert("level", 3);
    claims.insert("scopes", vec!["read", "write"]);
    claims.insert("ratio", Value::try_from(0.5).unwrap());
    claims.insert("nested", Object::new());
    assert_eq!(
        Value::Object(claims).to_json(),
        r#"{"role":"admin","level":3,"scopes":["read","write"],"ratio":0.5,"nested":{}}"#
    );
}

typed_claims! {
    /// The login service's session.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Session {
        pub sub: String,
        pub role: String,
        pub scopes: Vec<String>,
        /// Renamed: "org" in the token.
        #[claim = "org"]
        pub organisation: Org,
        pub admin: bool,
        pub level: Option<u8>,
        pub exp: NumericDate,
    }
}

typed_claims! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct Org {
        pub id: u64,
        pub name: String,
        pub teams: Vec<Team>,
    }
}

typed_claims! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct Team {
        #[claim = "team"]
        pub team_name: String,
        pub lead: Option<bool>,
    }
}

fn session() -> Session {
    Session {
        sub: "alice".into(),
        role: "admin".into(),
        scopes: vec!["read".into(), "write".into()],
        organisation: Org {
            id: 42,
            name: "Example".into(),
            teams: vec![Team {
                team_name: "core".into(),
                lead: Some(true),
            }],
        },
        admin: false,
        level: None,
        exp: NumericDate::from_secs(4_102_444_800),
    }
}

fn claims(text: &str) -> Claims {
    let value = json::parse(text.as_bytes()).unwrap();
    Claims::from_object(value.as_object().unwrap().clone()).unwrap()
}

#[test]
fn a_typed_struct_is_written_as_claims_with_renamed_members_and_none_left_out() {
    assert_eq!(
        Value::Object(session().to_claims()).to_json(),
        r#"{"sub":"alice","role":"admin","scopes":["read","write"],"org":{"id":42,"name":"Example","teams":[{"team":"core","lead":true}]},"admin":false,"exp":4102444800}"#
    );
    assert_eq!(Object::from(&session()), session().to_claims());
}

#[test]
fn a_typed_struct_round_trips_through_a_signed_token() {
    let key = Key::hs256(&[9u8; 32]).unwrap();
    let mut with_level = session();
    with_level.level = Some(200);
    for original in [session(), with_level] {
        let token = sign(&key, &original.to_claims()).unwrap();
        let verified = verify(
            &token,
            &key,
            &Validation::new(&[Algorithm::Hs256]).now(1_700_000_000),
        )
        .unwrap();
        let read: Session = verified.claims().read().unwrap();
        assert_eq!(read, original);
    }
}

#[test]
fn option_reads_absent_and_null_as_none() {
    let base = r#""sub":"a","role":"r","scopes":[],"org":{"id":1,"name":"n","teams":[{"team":"t","lead":null}]},"admin":true,"exp":1"#;
    let read: Session = claims(&format!("{{{base}}}")).read().unwrap();
    assert_eq!(read.level, None);
    assert_eq!(read.organisation.teams[0].lead, None);
    let read: Session = claims(&format!("{{{base},\"level\":null,\"extra\":[1]}}"))
        .read()
        .unwrap();
    assert_eq!(read.level, None);
}

#[test]
fn errors_name_the_member_by_its_path_and_the_type_expected() {
    let good = session().to_claims();
    let cases: &[(&str, &str, ErrorKind, &str)] = &[
        (
            "role",
            "7",
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "role" is a number, not a string"#,
        ),
        (
            "admin",
            r#""yes""#,
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "admin" is a string, not a boolean"#,
        ),
        (
            "scopes",
            r#""read""#,
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "scopes" is a string, not an array"#,
        ),
        (
            "scopes",
            r#"["read",2]"#,
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "scopes[1]" is a number, not a string"#,
        ),
        (
            "level",
            "300",
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "level" is the number 300, not an integer (u8)"#,
        ),
        (
            "level",
            "1.0",
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "level" is the number 1.0, not an integer (u8)"#,
        ),
        (
            "level",
            "-1",
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "level" is the number -1, not an integer (u8)"#,
        ),
        (
            "org",
            "[]",
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "org" is an array, not an object"#,
        ),
        (
            "org",
            r#"{"id":"42","name":"n","teams":[]}"#,
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "org.id" is a string, not an integer (u64)"#,
        ),
        (
            "org",
            r#"{"id":42,"teams":[]}"#,
            ErrorKind::MissingClaim,
            r#"missing_claim: claim "org.name" is absent; expected a string"#,
        ),
        (
            "org",
            r#"{"id":42,"name":"n","teams":[{"team":"a"},{"team":1}]}"#,
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "org.teams[1].team" is a number, not a string"#,
        ),
        (
            "org",
            r#"{"id":42,"name":"n","teams":[{"team":"a","lead":0}]}"#,
            ErrorKind::InvalidClaim,
            r#"invalid_claim: claim "org.teams[0].lead" is a number, not a boolean"#,
        ),
    ];
    for &(member, json_text, kind, message) in cases {
        let mut object = good.clone();
        object.insert(member, json::parse(json_text.as_bytes()).unwrap());
        let err = Session::from_object(&object).unwrap_err();
        assert_eq!(
            (err.kind(), err.to_string().as_str()),
            (kind, message),
            "{member} = {json_text}"
        );
        assert_eq!(err.claim(), Some(member));
    }
    let mut object = good.clone();
    object.remove("role");
    let err = Session::from_object(&object).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingClaim);
    assert_eq!(
        err.to_string(),
        r#"missing_claim: claim "role" is absent; expected a string"#
    );
    assert_eq!(err.claim(), Some("role"));
    let mut object = good;
    object.insert("exp", "tomorrow");
    let err = Session::from_object(&object).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"invalid_claim: claim "exp" is a string, not a number (NumericDate)"#
    );
}

#[test]
fn members_are_checked_in_declaration_order() {
    let object = json::parse(br#"{"sub":1,"role":2}"#).unwrap();
    let err = Session::from_object(object.as_object().unwrap()).unwrap_err();
    assert_eq!(err.claim(), Some("sub"));
}

#[test]
fn a_date_beyond_a_finite_float_is_invalid() {
    let mut object = session().to_claims();
    object.insert("exp", json::Number::parse_text("1e400").unwrap());
    let err = Session::from_object(&object).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"invalid_claim: claim "exp" ("1e400") is beyond the range of a finite 64-bit number"#
    );
}
