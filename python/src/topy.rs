//! Any `Serialize` value (the facts, the incidents) to Python objects, as
//! `json.loads` of its serde_json text would give them, but without the
//! text: a serde `Serializer` whose output is Python objects.
//!
//! It follows serde_json's data model, so the result is exactly
//! `json.loads(serde_json::to_string(value))`: sequences, tuples and bytes
//! become lists, structs and maps dicts, `None` and unit `None`, enum
//! variants as serde_json writes them, non-finite floats `None`, an `f32`
//! the float of its shortest decimal form. Being serde-driven, a field
//! added to the facts appears in the dicts with no change here.
//!
//! What makes it cheaper than `pythonize`: struct field names (and unit
//! variant names) are `&'static str`, so each becomes an interned Python
//! string once per [`Keys`] (one per call), looked up by its address
//! afterwards, instead of a new string for every key of every dict.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::BoundObject;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyModule, PyString};
use serde::ser::{self, Serialize};

/// The interned Python strings of the `&'static str` names met so far,
/// by address and length.
pub struct Keys<'py> {
    py: Python<'py>,
    cache: RefCell<KeyMap<'py>>,
}

/// Interned strings by the address and length of their `&'static str`.
type KeyMap<'py> = HashMap<(usize, usize), Bound<'py, PyString>, BuildHasherDefault<AddrHasher>>;

/// A hasher for addresses: one multiplication.
#[derive(Default)]
pub struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl<'py> Keys<'py> {
    /// An empty cache.
    pub fn new(py: Python<'py>) -> Self {
        Keys { py, cache: RefCell::new(HashMap::default()) }
    }

    /// `value` as Python objects.
    pub fn to_py<T: Serialize + ?Sized>(&self, value: &T) -> PyResult<Bound<'py, PyAny>> {
        value.serialize(ToPy { keys: self }).map_err(|e| e.0)
    }

    /// The interned Python string of a static name.
    fn key(&self, name: &'static str) -> Bound<'py, PyString> {
        let addr = (name.as_ptr() as usize, name.len());
        if let Some(k) = self.cache.borrow().get(&addr) {
            return k.clone();
        }
        let k = PyString::intern(self.py, name);
        self.cache.borrow_mut().insert(addr, k.clone());
        k
    }
}

/// Python's cyclic garbage collector paused (when it runs) for as long as
/// this lives: while a batch's dicts are built. They hold no cycles, so
/// the collector finds nothing in them, but every 700 new containers it
/// would scan the young ones, and now and then all the dicts built so far.
pub struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    /// Pause the collector if it is enabled.
    pub fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // re-enabling cannot fail short of an interpreter in ruins
            let _ = gc.call_method0("enable");
        }
    }
}

/// A Python exception as a serde error.
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

type Result<T> = std::result::Result<T, Error>;

/// The serializer: one value to one Python object.
#[derive(Clone, Copy)]
struct ToPy<'k, 'py> {
    keys: &'k Keys<'py>,
}

impl<'k, 'py> ToPy<'k, 'py> {
    fn py(&self) -> Python<'py> {
        self.keys.py
    }

    fn int<T: IntoPyObject<'py>>(&self, v: T) -> Result<Bound<'py, PyAny>> {
        v.into_pyobject(self.py()).map(|o| o.into_bound().into_any()).map_err(|e| Error(e.into()))
    }

    fn float(&self, v: f64) -> Result<Bound<'py, PyAny>> {
        // serde_json writes NaN and the infinities as null
        if v.is_finite() {
            Ok(PyFloat::new(self.py(), v).into_any())
        } else {
            Ok(self.py().None().into_bound(self.py()))
        }
    }

    /// `{variant: value}`, serde_json's externally tagged enum.
    fn tagged(&self, variant: &'static str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>> {
        let d = PyDict::new(self.py());
        d.set_item(self.keys.key(variant), value)?;
        Ok(d.into_any())
    }
}

/// A list being built (sequences, tuples), maybe inside `{variant: [...]}`.
struct Seq<'k, 'py> {
    to: ToPy<'k, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> Seq<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(self.to)?);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let list = PyList::new(self.to.py(), self.items)?.into_any();
        match self.variant {
            Some(v) => self.to.tagged(v, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// A dict being built (structs, maps), maybe inside `{variant: {...}}`.
struct Dict<'k, 'py> {
    to: ToPy<'k, 'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> Dict<'_, 'py> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.dict.set_item(self.to.keys.key(key), value.serialize(self.to)?)?;
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        match self.variant {
            Some(v) => self.to.tagged(v, self.dict.into_any()),
            None => Ok(self.dict.into_any()),
        }
    }
}

impl<'py> ser::SerializeStruct for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeMap for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(map_key(key.serialize(self.to)?)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| <Error as ser::Error>::custom("map value without a key"))?;
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// A map key as serde_json writes it: a string, or a number or bool as
/// its JSON text.
fn map_key(key: Bound<'_, PyAny>) -> Result<Bound<'_, PyAny>> {
    if key.is_instance_of::<PyString>() {
        Ok(key)
    } else if key.is_instance_of::<PyBool>() {
        let text = if key.is_truthy()? { "true" } else { "false" };
        Ok(PyString::new(key.py(), text).into_any())
    } else if key.is_instance_of::<pyo3::types::PyInt>() || key.is_instance_of::<PyFloat>() {
        Ok(key.str()?.into_any())
    } else {
        Err(<Error as ser::Error>::custom("key must be a string"))
    }
}

impl<'k, 'py> ser::Serializer for ToPy<'k, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'k, 'py>;
    type SerializeTuple = Seq<'k, 'py>;
    type SerializeTupleStruct = Seq<'k, 'py>;
    type SerializeTupleVariant = Seq<'k, 'py>;
    type SerializeMap = Dict<'k, 'py>;
    type SerializeStruct = Dict<'k, 'py>;
    type SerializeStructVariant = Dict<'k, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.py(), v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        // serde_json writes an f32's shortest decimal form, which json.loads
        // reads as the nearest f64
        if !v.is_finite() {
            return self.float(f64::NAN);
        }
        self.float(v.to_string().parse::<f64>().unwrap_or(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py(), v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        // serde_json writes bytes as an array of numbers
        Ok(PyList::new(self.py(), v)?.into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.py().None().into_bound(self.py()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Self::Ok> {
        Ok(self.keys.key(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let v = value.serialize(self)?;
        self.tagged(variant, v)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(Seq { to: self, items: Vec::with_capacity(len.unwrap_or(0)), variant: None })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(Seq { to: self, items: Vec::with_capacity(len), variant: Some(variant) })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(Dict { to: self, dict: PyDict::new(self.py()), key: None, variant: None })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Ok(Dict { to: self, dict: PyDict::new(self.py()), key: None, variant: Some(variant) })
    }
}

/// A value of every shape serde has, for the test of the serializer
/// against serde_json (`outage_news._serde_shapes`: the value as Python
/// objects and as serde_json's text). Not in the unit tests, which cannot
/// link to Python in an extension module.
pub mod shapes {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(i32, String),
        Struct { a: f32, b: Option<bool> },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct All {
        b: bool,
        i: i64,
        u: u64,
        big: u128,
        f: f64,
        nan: f64,
        inf: f32,
        f32: f32,
        c: char,
        s: &'static str,
        #[serde(with = "serde_bytes_as_slice")]
        bytes: Vec<u8>,
        none: Option<u8>,
        unit: (),
        unit_struct: Unit,
        tuple: (u8, &'static str),
        enums: Vec<E>,
        map: BTreeMap<u32, Vec<String>>,
        bools: BTreeMap<bool, u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        #[serde(flatten)]
        flat: BTreeMap<String, i8>,
    }

    mod serde_bytes_as_slice {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    /// The value as Python objects and as serde_json's text.
    pub fn both(py: Python<'_>) -> PyResult<(Bound<'_, PyAny>, String)> {
        let value = All {
            b: true,
            i: -7,
            u: u64::MAX,
            big: u128::MAX,
            f: 0.1,
            nan: f64::NAN,
            inf: f32::INFINITY,
            f32: 0.1,
            c: 'é',
            s: "한국어 \"quoted\"",
            bytes: vec![0, 255],
            none: None,
            unit: (),
            unit_struct: Unit,
            tuple: (1, "x"),
            enums: vec![E::Unit, E::New(3), E::Tuple(-1, "t".into()), E::Struct { a: 1.5, b: Some(false) }],
            map: BTreeMap::from([(1, vec!["a".into()]), (20, vec![])]),
            bools: BTreeMap::from([(true, 1)]),
            skipped: None,
            flat: BTreeMap::from([("extra".into(), -1)]),
        };
        let json = serde_json::to_string(&value).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let keys = Keys::new(py);
        // twice: the second with every key cached
        keys.to_py(&value)?;
        Ok((keys.to_py(&value)?, json))
    }
}
