import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { text } from '../dialogs/text/index.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/**
 * The Bot Framework adapter. Anonymous when MicrosoftAppId is unset (local use, the
 * self-hosted channel); JWT-validated when it is set.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
    MicrosoftAppType: config.microsoftAppType,
  } as ConfigurationBotFrameworkAuthenticationOptions);
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
