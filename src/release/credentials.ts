// Credentials reach only the upload: every other step runs without them, and a repository URL's
// user:password moves into twine's environment instead of its command line.

/** Variables that carry upload credentials (twine's own, tokens CI systems set, OIDC request tokens). */
const CREDENTIAL =
  /^(?:TWINE_(?:USERNAME|PASSWORD|REPOSITORY_URL|REPOSITORY)$|ACTIONS_ID_TOKEN_REQUEST_(?:TOKEN|URL)$)|(?:TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|CREDENTIALS?)(?:$|_)/i;

export const isCredentialVariable = (name: string) => CREDENTIAL.test(name);

/** The environment minus every credential variable, and any variable holding a secret: what build, validate, check and the probes get. */
export function withoutCredentials(env: NodeJS.ProcessEnv, secrets: string[] = []): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => !isCredentialVariable(name) && !secrets.includes(value ?? '')));
}

/** The values of the credential variables, for the mask. */
export function credentialValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env).flatMap(([name, value]) => (isCredentialVariable(name) && value && !/^https?:\/\/[^@]*$/.test(value) ? [value] : []));
}

export interface SplitUrl {
  /** The URL without user information. */
  url: string;
  username?: string;
  password?: string;
}

/** Takes `user:password@` out of a URL (percent-decoded), so it can travel in the environment. */
export function splitUrlCredentials(raw: string): SplitUrl {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@(.*)$/is.exec(raw);
  if (!m) return { url: raw };
  const [user, ...rest] = m[2]!.split(':');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { url: `${m[1]}${m[3]}`, username: decode(user!), ...(rest.length ? { password: decode(rest.join(':')) } : {}) };
}

/** The upload's environment: the full one, with the URL's credentials (if any) as twine's. */
export function uploadEnvironment(env: NodeJS.ProcessEnv, split: SplitUrl): NodeJS.ProcessEnv {
  return {
    ...env,
    ...(split.username !== undefined ? { TWINE_USERNAME: split.username } : {}),
    ...(split.password !== undefined ? { TWINE_PASSWORD: split.password } : {}),
  };
}
