//! A streaming ZIP writer: entries are deflated straight into the output,
//! with sizes and checksums in data descriptors after each entry, so an
//! archive of any size is written with a fixed amount of memory and no seek.
//! (APPNOTE 6.3.10, without ZIP64: an export is refused past 4 GiB.)

use std::io::{self, Write};

use chrono::{DateTime, Datelike, Timelike, Utc};
use flate2::write::DeflateEncoder;
use flate2::Compression;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const DATA_DESCRIPTOR: u32 = 0x0807_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL: u32 = 0x0605_4b50;
/// Bit 3: sizes follow the data; bit 11: names are UTF-8.
const FLAGS: u16 = 0x0808;
const DEFLATE: u16 = 8;
const VERSION: u16 = 20;
/// "Made by" Unix (3), spec 2.0: lets the external attributes carry 0644.
const MADE_BY: u16 = (3 << 8) | 20;
const FILE_MODE: u32 = 0o100_644 << 16;

/// Counts what passes through, for offsets and sizes.
#[derive(Debug)]
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[derive(Debug)]
struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

enum State<W: Write> {
    Between(Counting<W>),
    InEntry {
        encoder: DeflateEncoder<Counting<W>>,
        name: String,
        crc: crc32fast::Hasher,
        size: u64,
        offset: u64,
        data_start: u64,
    },
    Poisoned,
}

/// Writes entries one after another; `finish` writes the directory.
pub struct ZipStream<W: Write> {
    state: State<W>,
    entries: Vec<Entry>,
    time: u16,
    date: u16,
}

impl<W: Write> std::fmt::Debug for ZipStream<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZipStream")
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

fn too_big() -> io::Error {
    io::Error::other("the archive is larger than 4 GiB")
}

fn u32_of(n: u64) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| too_big())
}

/// MS-DOS date and time (local time in the format; we write UTC).
fn dos_stamp(at: DateTime<Utc>) -> (u16, u16) {
    let year = at.year().clamp(1980, 2107) as u16;
    let time = ((at.hour() as u16) << 11) | ((at.minute() as u16) << 5) | (at.second() as u16 / 2);
    let date = ((year - 1980) << 9) | ((at.month() as u16) << 5) | at.day() as u16;
    (time, date)
}

impl<W: Write> ZipStream<W> {
    /// Every entry gets `modified` as its time stamp.
    pub fn new(out: W, modified: DateTime<Utc>) -> Self {
        let (time, date) = dos_stamp(modified);
        Self {
            state: State::Between(Counting {
                inner: out,
                written: 0,
            }),
            entries: Vec::new(),
            time,
            date,
        }
    }

    /// The output, to drain what has been written so far; `None` after a
    /// failed write.
    pub fn sink_mut(&mut self) -> Option<&mut W> {
        match &mut self.state {
            State::Between(c) => Some(&mut c.inner),
            State::InEntry { encoder, .. } => Some(&mut encoder.get_mut().inner),
            State::Poisoned => None,
        }
    }

    /// Bytes written to the output so far.
    pub fn written(&self) -> u64 {
        match &self.state {
            State::Between(c) => c.written,
            State::InEntry { encoder, .. } => encoder.get_ref().written,
            State::Poisoned => 0,
        }
    }

    /// Start an entry (closing the previous one).
    pub fn start(&mut self, name: &str) -> io::Result<()> {
        self.close_entry()?;
        let State::Between(mut out) = std::mem::replace(&mut self.state, State::Poisoned) else {
            return Err(io::Error::other("zip writer in a failed state"));
        };
        if self.entries.len() >= usize::from(u16::MAX) {
            return Err(io::Error::other("too many files for one archive"));
        }
        let offset = out.written;
        let name_len =
            u16::try_from(name.len()).map_err(|_| io::Error::other("file name too long"))?;
        let mut h = Vec::with_capacity(30 + name.len());
        h.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        h.extend_from_slice(&VERSION.to_le_bytes());
        h.extend_from_slice(&FLAGS.to_le_bytes());
        h.extend_from_slice(&DEFLATE.to_le_bytes());
        h.extend_from_slice(&self.time.to_le_bytes());
        h.extend_from_slice(&self.date.to_le_bytes());
        h.extend_from_slice(&[0; 12]); // crc, sizes: in the data descriptor
        h.extend_from_slice(&name_len.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(name.as_bytes());
        out.write_all(&h)?;
        let data_start = out.written;
        self.state = State::InEntry {
            encoder: DeflateEncoder::new(out, Compression::default()),
            name: name.to_string(),
            crc: crc32fast::Hasher::new(),
            size: 0,
            offset,
            data_start,
        };
        Ok(())
    }

    fn close_entry(&mut self) -> io::Result<()> {
        if !matches!(self.state, State::InEntry { .. }) {
            return Ok(());
        }
        let State::InEntry {
            encoder,
            name,
            crc,
            size,
            offset,
            data_start,
        } = std::mem::replace(&mut self.state, State::Poisoned)
        else {
            return Ok(());
        };
        let mut out = encoder.finish()?;
        let crc = crc.finalize();
        let entry = Entry {
            name,
            crc,
            compressed: u32_of(out.written - data_start)?,
            size: u32_of(size)?,
            offset: u32_of(offset)?,
        };
        let mut d = Vec::with_capacity(16);
        d.extend_from_slice(&DATA_DESCRIPTOR.to_le_bytes());
        d.extend_from_slice(&entry.crc.to_le_bytes());
        d.extend_from_slice(&entry.compressed.to_le_bytes());
        d.extend_from_slice(&entry.size.to_le_bytes());
        out.write_all(&d)?;
        self.entries.push(entry);
        self.state = State::Between(out);
        Ok(())
    }

    /// Close the last entry and write the central directory; returns the
    /// output and the archive's size.
    pub fn finish(mut self) -> io::Result<(W, u64)> {
        self.close_entry()?;
        let State::Between(mut out) = std::mem::replace(&mut self.state, State::Poisoned) else {
            return Err(io::Error::other("zip writer in a failed state"));
        };
        let start = out.written;
        for e in &self.entries {
            let mut h = Vec::with_capacity(46 + e.name.len());
            h.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
            h.extend_from_slice(&MADE_BY.to_le_bytes());
            h.extend_from_slice(&VERSION.to_le_bytes());
            h.extend_from_slice(&FLAGS.to_le_bytes());
            h.extend_from_slice(&DEFLATE.to_le_bytes());
            h.extend_from_slice(&self.time.to_le_bytes());
            h.extend_from_slice(&self.date.to_le_bytes());
            h.extend_from_slice(&e.crc.to_le_bytes());
            h.extend_from_slice(&e.compressed.to_le_bytes());
            h.extend_from_slice(&e.size.to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
            h.extend_from_slice(&FILE_MODE.to_le_bytes());
            h.extend_from_slice(&e.offset.to_le_bytes());
            h.extend_from_slice(e.name.as_bytes());
            out.write_all(&h)?;
        }
        let size = u32_of(out.written - start)?;
        let count = self.entries.len() as u16;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&END_OF_CENTRAL.to_le_bytes());
        end.extend_from_slice(&[0; 4]); // this disk, directory's disk
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&size.to_le_bytes());
        end.extend_from_slice(&u32_of(start)?.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        out.write_all(&end)?;
        out.flush()?;
        Ok((out.inner, out.written))
    }
}

impl<W: Write> Write for ZipStream<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let State::InEntry {
            encoder, crc, size, ..
        } = &mut self.state
        else {
            return Err(io::Error::other("start an entry before writing"));
        };
        let n = encoder.write(buf)?;
        crc.update(&buf[..n]);
        *size += n as u64;
        if *size > u64::from(u32::MAX) {
            return Err(too_big());
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::InEntry { encoder, .. } => encoder.flush(),
            State::Between(c) => c.flush(),
            State::Poisoned => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read, Write};

    use chrono::TimeZone;

    use super::*;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 14, 30, 10)
            .single()
            .expect("date")
    }

    #[test]
    fn another_implementation_reads_what_we_write() {
        let mut zip = ZipStream::new(Vec::new(), at());
        zip.start("README.txt").expect("start");
        zip.write_all("Grüße\n".as_bytes()).expect("write");
        zip.start("data/empty.json").expect("start");
        zip.start("data/big.json").expect("start");
        // Larger than any buffer, and drained while being written.
        let mut drained = Vec::new();
        for i in 0..20_000 {
            write!(zip, "{{\"n\": {i}}},").expect("write");
            if let Some(sink) = zip.sink_mut() {
                drained.append(sink);
            }
        }
        let (rest, size) = zip.finish().expect("finish");
        drained.extend(rest);
        assert_eq!(size, drained.len() as u64);

        let mut archive = ::zip::ZipArchive::new(Cursor::new(drained)).expect("a valid archive");
        assert_eq!(archive.len(), 3);
        let mut text = String::new();
        archive
            .by_name("README.txt")
            .expect("readme")
            .read_to_string(&mut text)
            .expect("read");
        assert_eq!(text, "Grüße\n");
        assert_eq!(archive.by_name("data/empty.json").expect("empty").size(), 0);
        let mut big = String::new();
        let mut f = archive.by_name("data/big.json").expect("big");
        let stamp = f.last_modified().expect("time");
        assert_eq!(
            (
                stamp.year(),
                stamp.month(),
                stamp.day(),
                stamp.hour(),
                stamp.minute()
            ),
            (2026, 11, 29, 14, 30)
        );
        f.read_to_string(&mut big).expect("read, checksum verified");
        assert!(big.starts_with("{\"n\": 0},") && big.ends_with("{\"n\": 19999},"));
    }

    #[test]
    fn writing_outside_an_entry_is_an_error() {
        let mut zip = ZipStream::new(Vec::new(), at());
        assert!(zip.write_all(b"x").is_err());
    }
}
