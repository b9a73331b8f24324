/**
 * Dense ids for keys, in first-seen order. The matrix and policy-pairs build class keys by joining the keys of their
 * parts; a small number joins faster and keeps the composite key short where the part's own key is long text (a
 * policy list, a label set) or an object (a rule).
 */
export class Interner<K> {
  private readonly ids = new Map<K, number>();

  /** The id of `key`: the one it was given before, else the next unused one (0, 1, 2...). */
  id(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}
