/** The names taken in one scope of generated code: a module, or a function body. */
export class Scope {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** Takes a name something else has fixed (a helper's), without renaming it. */
  add(name: string): void {
    this.taken.add(name);
  }

  /** Claims `name`, or `name2`, `name3`... when it is taken. */
  claim(name: string): string {
    let local = name;
    for (let n = 2; this.taken.has(local); n++) local = `${name}${n}`;
    this.taken.add(local);
    return local;
  }
}
