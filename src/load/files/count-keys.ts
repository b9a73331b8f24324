/**
 * The number of keys in a value JSON.parse returned, summed over every object inside it. JSON.parse keeps one
 * property per distinct key of an object, so this equals the number of keys written in the text (colons outside
 * strings, json-container-scan.ts) exactly when no object repeats a key: a duplicate check by counting, without
 * a Set of the keys of every object (findDuplicateKey is then run only to say where the duplicate is).
 *
 * `for…in` is the fastest walk V8 offers over parsed objects, but it also yields enumerable properties inherited
 * from Object.prototype; when something has added one (no podreach code does), the own keys are counted instead.
 * Iterative: JSON.parse accepts nesting far deeper than the call stack.
 */
export function countParsedKeys(value: unknown): number {
  return objectPrototypeIsClean() ? countForIn(value) : countOwn(value);
}

function objectPrototypeIsClean(): boolean {
  for (const _ in {}) return false;
  return true;
}

function countForIn(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      for (let i = 0; i < next.length; i++) {
        const child: unknown = next[i];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
      continue;
    }
    const record = next as Record<string, unknown>;
    for (const key in record) {
      count++;
      const child = record[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return count;
}

function countOwn(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null) continue;
    const children: unknown[] = Array.isArray(next) ? next : Object.values(next);
    if (!Array.isArray(next)) count += children.length;
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return count;
}
