import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const line of e.problems) console.error(`config: ${line}`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.enableShutdownHooks();
  configureApp(app, config);
  if (config.ROLE === 'worker') {
    // Workers serve no HTTP; their processors start with the application context.
    await app.init();
    return;
  }
  await app.listen(config.PORT, config.HOST);
}

void bootstrap();
