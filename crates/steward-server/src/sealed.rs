//! Secrets the server must read back (two-factor seeds) are sealed at rest
//! with a key that is not in the database (issue 7): a copy of the database
//! or a backup alone reveals no seed. XChaCha20-Poly1305 with a random
//! nonce; the user id is bound in as associated data, so a sealed seed
//! moved to another user's row does not open.
//!
//! The key is a file of 32 random bytes (base64). With SQLite and no key
//! configured it lives beside the database file and is created on first
//! start; with PostgreSQL every instance must be given the same file
//! (`secret_key_file`), and a server without one refuses to start.

use std::path::{Path, PathBuf};

use anyhow::Context;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use uuid::Uuid;

const PREFIX: &str = "v1:";
const NONCE_LEN: usize = 24;

/// The sealing key. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct SealKey(XChaCha20Poly1305);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

impl SealKey {
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        Self(XChaCha20Poly1305::new(bytes.into()))
    }

    /// Read the key file; create it (mode 0600) only when `create`.
    pub fn load(path: &Path, create: bool) -> anyhow::Result<Self> {
        if !path.exists() {
            if !create {
                anyhow::bail!(
                    "no secret key at {}: create one with `head -c 32 /dev/urandom | base64 > {}` \
                     and give every server instance the same file (secret_key_file)",
                    path.display(),
                    path.display()
                );
            }
            let mut bytes = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
            write_private(path, &STANDARD.encode(bytes))?;
            tracing::info!(path = %path.display(), "created the secret key");
        }
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the secret key {}", path.display()))?;
        let bytes = STANDARD
            .decode(text.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .with_context(|| format!("{} is not 32 bytes in base64", path.display()))?;
        Ok(Self::from_bytes(&bytes))
    }

    /// Seal `plaintext` for `owner`.
    pub fn seal(&self, owner: Uuid, plaintext: &str) -> anyhow::Result<String> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .0
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: owner.as_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("sealing failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", STANDARD.encode(out)))
    }

    /// Open what `seal` made for `owner`. A value stored before sealing
    /// existed (no prefix) is returned as it is; `seal_legacy` seals those
    /// when a server starts.
    pub fn open(&self, owner: Uuid, stored: &str) -> anyhow::Result<String> {
        let Some(body) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_string());
        };
        let bytes = STANDARD
            .decode(body)
            .context("a sealed value is not base64")?;
        if bytes.len() < NONCE_LEN {
            anyhow::bail!("a sealed value is too short");
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let plain = self
            .0
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: owner.as_bytes(),
                },
            )
            .map_err(|_| {
                anyhow::anyhow!("a sealed value does not open with this server's secret key")
            })?;
        String::from_utf8(plain).context("a sealed value is not text")
    }
}

/// Seal the seeds stored before sealing existed; run at start-up. A seed
/// another instance sealed meanwhile is left as that instance wrote it.
pub async fn seal_legacy(store: &dyn crate::store::Store, key: &SealKey) -> anyhow::Result<u64> {
    let mut sealed = 0;
    loop {
        let batch = store.unsealed_totp(PREFIX, 500).await?;
        if batch.is_empty() {
            break;
        }
        for (user_id, seed) in batch {
            store
                .reseal_totp(user_id, &seed, &key.seal(user_id, &seed)?)
                .await?;
            sealed += 1;
        }
    }
    if sealed > 0 {
        tracing::info!(
            sealed,
            "two-factor seeds stored before sealing are now sealed"
        );
    }
    Ok(sealed)
}

/// Where the key is: configured, or beside the SQLite file.
pub fn key_path(configured: Option<&Path>, database_url: &str) -> anyhow::Result<(PathBuf, bool)> {
    if let Some(p) = configured {
        return Ok((p.to_path_buf(), false));
    }
    if database_url.starts_with("sqlite:") {
        let db = crate::backup::sqlite_path(database_url)?;
        let mut name = db.as_os_str().to_owned();
        name.push(".key");
        return Ok((PathBuf::from(name), true));
    }
    anyhow::bail!(
        "set secret_key_file (STEWARD__SECRET_KEY_FILE): with PostgreSQL every instance needs \
         the same secret key; create it with `head -c 32 /dev/urandom | base64 > FILE`"
    )
}

/// The key for a configuration (created beside a SQLite file if missing).
pub fn for_config(config: &crate::Config) -> anyhow::Result<SealKey> {
    let url = config.database_url()?;
    let (path, create) = key_path(config.secret_key_file.as_deref(), &url)?;
    SealKey::load(&path, create)
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .with_context(|| format!("cannot create the secret key {}", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_seed_opens_only_for_its_owner_and_key() {
        let key = SealKey::from_bytes(&[7; 32]);
        let alice = Uuid::now_v7();
        let sealed = key.seal(alice, "JBSWY3DPEHPK3PXP").expect("seal");
        assert!(sealed.starts_with(PREFIX));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(key.open(alice, &sealed).expect("open"), "JBSWY3DPEHPK3PXP");
        assert!(
            key.open(Uuid::now_v7(), &sealed).is_err(),
            "another user's row"
        );
        assert!(
            SealKey::from_bytes(&[8; 32]).open(alice, &sealed).is_err(),
            "another key"
        );
        assert_ne!(
            key.seal(alice, "x").expect("seal"),
            key.seal(alice, "x").expect("seal")
        );
        assert_eq!(key.open(alice, "LEGACYSEED").expect("legacy"), "LEGACYSEED");
        assert_eq!(format!("{key:?}"), "SealKey(..)");
    }

    #[test]
    fn a_key_file_is_created_private_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k");
        assert!(
            SealKey::load(&path, false).is_err(),
            "not created unless asked"
        );
        let a = SealKey::load(&path, true).expect("created");
        let b = SealKey::load(&path, false).expect("read");
        let owner = Uuid::now_v7();
        assert_eq!(
            b.open(owner, &a.seal(owner, "s").expect("seal"))
                .expect("open"),
            "s"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
