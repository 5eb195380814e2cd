import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { text } from '../dialogs/text/index.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type Credentials = Awaited<ReturnType<CredentialsFactory['createCredentials']>>;

/** The self-hosted channel's Connector API and the secret it shares with this bot. */
export interface ChannelCredential {
  /** The channel's serviceUrl, e.g. `http://127.0.0.1:3978/v3/directline` (read per request: known after listen). */
  serviceUrl(): string;
  secret: string;
}

/**
 * The configured credentials (none when anonymous), except for calls to the self-hosted
 * channel: those carry the secret the bot and the channel share, so that the channel can tell
 * the bot's replies from anyone else's posts even when no MicrosoftAppId is set.
 */
class ChannelCredentialsFactory implements CredentialsFactory {
  constructor(
    private readonly inner: CredentialsFactory,
    private readonly channel: ChannelCredential,
  ) {}

  isValidAppId(appId: string): Promise<boolean> {
    return this.inner.isValidAppId(appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return this.inner.isAuthenticationDisabled();
  }

  async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string, validateAuthority: boolean): Promise<Credentials> {
    const configured = await this.inner.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    return {
      signRequest: async (resource) => {
        // Only this exact service URL: the secret never goes to a host a client named.
        if (!resource.url.startsWith(`${this.channel.serviceUrl()}/`)) return configured.signRequest(resource);
        resource.headers.set('authorization', `Bearer ${this.channel.secret}`);
        return resource;
      },
    };
  }
}

/** Connector clients kept per app, channel and audience; a few channels at most, bounded all the same. */
const MAX_KEPT_CLIENTS = 64;

/** The app a request's claims speak for, as botframework-connector reads it (audience, else app id). */
const appIdOf = (claims: ClaimsIdentity) => claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';

/**
 * The adapter builds a new ConnectorClient (an HTTP pipeline of a dozen policies) and a new
 * UserTokenClient for every turn, which costs more than a knowledge-base answer. Both depend
 * only on the app, the channel's serviceUrl and the audience, and hold no per-turn state (the
 * credentials sign each request when it is sent), so they are made once and reused, as
 * botbuilder's older BotFrameworkAdapter kept its connector clients per serviceUrl.
 */
class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const { connectorFactory } = result;
    return connectorFactory ? { ...result, connectorFactory: this.keptConnectors(connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keptConnectors(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.userTokens, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private keptConnectors(inner: ConnectorFactory, appId: string): ConnectorFactory {
    return { create: (serviceUrl, audience) => kept(this.connectors, `${appId} ${audience ?? ''} ${serviceUrl}`, () => inner.create(serviceUrl, audience)) };
  }
}

/** The value kept under `key`, made once; a failure is not kept. The oldest goes past the bound. */
function kept<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  made.catch(() => cache.get(key) === made && cache.delete(key));
  if (cache.size >= MAX_KEPT_CLIENTS) cache.delete(cache.keys().next().value!);
  cache.set(key, made);
  return made;
}

/** The public cloud's token audience and login for bot-to-channel calls (botframework-connector's AuthenticationConstants). */
const TO_CHANNEL_SCOPE = 'https://api.botframework.com';
const LOGIN_PREFIX = 'https://login.microsoftonline.com/';

/**
 * The headers that prove the bot to another channel's service when it fetches a file there: the
 * MicrosoftApp* credentials' bearer, as the adapter's own Connector calls carry it; none when
 * the bot is anonymous.
 */
export function channelHeaders(config: Config): (url: URL) => Promise<Record<string, string>> {
  if (!config.microsoftAppId || !config.microsoftAppPassword) return async () => ({});
  const factory = new ConfigurationServiceClientCredentialFactory(credentialOptions(config));
  const appId = config.microsoftAppId;
  return async (url) => {
    const credentials = await factory.createCredentials(appId, TO_CHANNEL_SCOPE, `${LOGIN_PREFIX}${config.microsoftAppTenantId ?? 'botframework.com'}`, true);
    const headers: Record<string, string> = {};
    await credentials.signRequest({ url: url.href, headers: { set: (name: string, value: string) => (headers[name.toLowerCase()] = value) } } as never);
    return headers;
  };
}

const credentialOptions = (config: Config) =>
  ({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    MicrosoftAppType: config.microsoftAppType,
  }) as ConfigurationBotFrameworkAuthenticationOptions;

/**
 * The Bot Framework adapter. Anonymous when MicrosoftAppId is unset (local use, the
 * self-hosted channel); JWT-validated when it is set.
 */
export function createAdapter(config: Config, logger: Logger, channel?: ChannelCredential): CloudAdapter {
  const options = credentialOptions(config);
  const configured = new ConfigurationServiceClientCredentialFactory(options);
  const auth = new KeptClientsAuthentication(options, channel ? new ChannelCredentialsFactory(configured, channel) : configured);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error('turn_error', {
      conversation: context.activity.conversation?.id,
      activityType: context.activity.type,
      message: error.message,
      stack: error.stack,
    });
    try {
      await context.sendActivity(text.error);
    } catch {
      // The channel itself failed; the error is logged above.
    }
  };
  return adapter;
}
