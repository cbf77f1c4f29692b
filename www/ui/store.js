// Where the page keeps its work: small things in localStorage, a large plan (a project list of 100,000 rows is
// tens of megabytes of JSON, past localStorage's quota) in IndexedDB. Both stay in this browser only.

const DB = 'plancalc';
const TABLE = 'plans';

function db() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(TABLE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run(mode, f) {
  const conn = await db();
  try {
    return await new Promise((resolve, reject) => {
      const tx = conn.transaction(TABLE, mode);
      const req = f(tx.objectStore(TABLE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    conn.close();
  }
}

/** Keeps a large value (text, bytes, an object of them) under `key`. */
export const putLarge = (key, value) => run('readwrite', (s) => s.put(value, key));
/** The large value kept under `key`, or undefined. */
export const getLarge = (key) => run('readonly', (s) => s.get(key));
/** Forgets the large value kept under `key`. */
export const dropLarge = (key) => run('readwrite', (s) => s.delete(key));
