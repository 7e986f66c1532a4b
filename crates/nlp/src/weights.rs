//! The tensor container that converted model weights are stored in.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! 0   8 bytes   magic "DYADW001"
//! 8   u64       length H of the JSON header
//! 16  H bytes   JSON header: {"meta": {...}, "tensors": {name: {"dtype", "shape", "offset", "len"}}}
//! ... padding   zero bytes up to the data section, which starts at a multiple of 64
//! D   ...       tensor data; each tensor starts at D + offset, offset a multiple of 64
//! ```
//!
//! `dtype` is `"f32"`, `"u32"`, `"i32"` or `"u64"`; `len` is the number of
//! elements. The writer is `data/gen/nlp/container.py`. Tensors are borrowed
//! from the bytes without copying ([`bytemuck::cast_slice`]), so the bytes must
//! be 64-byte aligned: embed them with [`Aligned`].

use std::collections::BTreeMap;

use serde::Deserialize;

/// Magic bytes at the start of every container.
pub const MAGIC: &[u8; 8] = b"DYADW001";

/// Bytes with 64-byte alignment, for `include_bytes!` data read as `f32`.
///
/// ```text
/// static MODEL: &Aligned<[u8]> = &Aligned { align: [], bytes: *include_bytes!("model.bin") };
/// ```
#[derive(Debug)]
#[repr(C, align(64))]
pub struct Aligned<B: ?Sized> {
    /// Zero-sized field that carries the alignment.
    pub align: [u64; 0],
    /// The bytes.
    pub bytes: B,
}

/// What can go wrong reading a container.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("not a dyad weights container (bad magic)")]
    Magic,
    #[error("weights container truncated: {0}")]
    Truncated(&'static str),
    #[error("weights container header is not valid JSON: {0}")]
    Header(#[from] serde_json::Error),
    #[error("weights container data is not 64-byte aligned in memory")]
    Unaligned,
    #[error("tensor {name:?} lies outside the container")]
    OutOfBounds { name: String },
    #[error("tensor {name:?} not in the container")]
    Missing { name: String },
    #[error("tensor {name:?} has dtype {found}, expected {expected}")]
    Dtype {
        name: String,
        found: String,
        expected: &'static str,
    },
    #[error("tensor {name:?} has shape {found:?}, expected {expected:?}")]
    Shape {
        name: String,
        found: Vec<usize>,
        expected: Vec<usize>,
    },
}

#[derive(Debug, Clone, Deserialize)]
struct TensorInfo {
    dtype: String,
    shape: Vec<usize>,
    offset: usize,
    len: usize,
}

#[derive(Debug, Deserialize)]
struct Header {
    #[serde(default)]
    meta: serde_json::Value,
    tensors: BTreeMap<String, TensorInfo>,
}

/// A parsed container: the JSON metadata and borrowed tensors.
#[derive(Debug)]
pub struct Container<'a> {
    meta: serde_json::Value,
    tensors: BTreeMap<String, TensorInfo>,
    data: &'a [u8],
}

/// A borrowed tensor: its shape and its elements in row-major order.
#[derive(Debug, Clone, Copy)]
pub struct Tensor<'a, T> {
    pub shape: &'a [usize],
    pub data: &'a [T],
}

impl<'a> Container<'a> {
    /// Parses the header; the tensor data is borrowed, never copied.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, WeightsError> {
        if bytes.len() < 16 {
            return Err(WeightsError::Truncated("no header"));
        }
        if &bytes[..8] != MAGIC {
            return Err(WeightsError::Magic);
        }
        let mut len = [0u8; 8];
        len.copy_from_slice(&bytes[8..16]);
        let h = usize::try_from(u64::from_le_bytes(len))
            .map_err(|_| WeightsError::Truncated("header length"))?;
        let end = 16usize
            .checked_add(h)
            .filter(|&e| e <= bytes.len())
            .ok_or(WeightsError::Truncated("header"))?;
        let header: Header = serde_json::from_slice(&bytes[16..end])?;
        let start = end.div_ceil(64) * 64;
        let data = bytes
            .get(start..)
            .ok_or(WeightsError::Truncated("data section"))?;
        if !(data.as_ptr() as usize).is_multiple_of(64) && !data.is_empty() {
            return Err(WeightsError::Unaligned);
        }
        Ok(Container {
            meta: header.meta,
            tensors: header.tensors,
            data,
        })
    }

    /// The container's metadata (labels, seeds, sizes...).
    pub fn meta(&self) -> &serde_json::Value {
        &self.meta
    }

    /// Names of all tensors.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tensors.keys().map(String::as_str)
    }

    fn raw(
        &self,
        name: &str,
        dtype: &'static str,
        size: usize,
    ) -> Result<(&TensorInfo, &'a [u8]), WeightsError> {
        let info = self
            .tensors
            .get(name)
            .ok_or_else(|| WeightsError::Missing {
                name: name.to_string(),
            })?;
        if info.dtype != dtype {
            return Err(WeightsError::Dtype {
                name: name.to_string(),
                found: info.dtype.clone(),
                expected: dtype,
            });
        }
        let oob = || WeightsError::OutOfBounds {
            name: name.to_string(),
        };
        let n = info.len.checked_mul(size).ok_or_else(oob)?;
        let end = info.offset.checked_add(n).ok_or_else(oob)?;
        if !info.offset.is_multiple_of(64) || info.shape.iter().product::<usize>() != info.len {
            return Err(oob());
        }
        let bytes = self.data.get(info.offset..end).ok_or_else(oob)?;
        Ok((info, bytes))
    }

    /// An `f32` tensor.
    pub fn f32(&self, name: &str) -> Result<Tensor<'_, f32>, WeightsError> {
        let (info, bytes) = self.raw(name, "f32", 4)?;
        Ok(Tensor {
            shape: &info.shape,
            data: bytemuck::cast_slice(bytes),
        })
    }

    /// A `u32` tensor.
    pub fn u32(&self, name: &str) -> Result<Tensor<'_, u32>, WeightsError> {
        let (info, bytes) = self.raw(name, "u32", 4)?;
        Ok(Tensor {
            shape: &info.shape,
            data: bytemuck::cast_slice(bytes),
        })
    }

    /// An `i32` tensor.
    pub fn i32(&self, name: &str) -> Result<Tensor<'_, i32>, WeightsError> {
        let (info, bytes) = self.raw(name, "i32", 4)?;
        Ok(Tensor {
            shape: &info.shape,
            data: bytemuck::cast_slice(bytes),
        })
    }

    /// A `u64` tensor.
    pub fn u64(&self, name: &str) -> Result<Tensor<'_, u64>, WeightsError> {
        let (info, bytes) = self.raw(name, "u64", 8)?;
        Ok(Tensor {
            shape: &info.shape,
            data: bytemuck::cast_slice(bytes),
        })
    }

    /// An `f32` tensor that must have exactly this shape.
    pub fn f32_shaped(&self, name: &str, shape: &[usize]) -> Result<Tensor<'_, f32>, WeightsError> {
        let t = self.f32(name)?;
        if t.shape != shape {
            return Err(WeightsError::Shape {
                name: name.to_string(),
                found: t.shape.to_vec(),
                expected: shape.to_vec(),
            });
        }
        Ok(t)
    }
}
